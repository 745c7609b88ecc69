package lockstep.harness;

import java.util.Map;
import lockstep.comparison.Check;
import lockstep.comparison.Divergence;
import lockstep.comparison.Quantity;
import lockstep.comparison.ShadowTolerance;
import lockstep.comparison.StepComparison;
import lockstep.comparison.StepSnapshot;
import lockstep.comparison.Tolerance;
import lockstep.data.Batch;
import lockstep.dl4j.Dl4jTrainer;
import lockstep.linalg.DType;
import lockstep.spec.NetworkSpec;
import lockstep.spec.ParameterKey;

/**
 * The FLOAT trajectory check's yardstick. In FLOAT two correct implementations drift apart step by step, since each
 * rounds differently and training compounds it; how far is a property of the run, not a constant. So DL4J's own drift
 * is measured next to it: a DOUBLE DL4J network, started from DL4J's FLOAT state (widened) and re-synchronised with it
 * whenever the free-running engine is, trains on the same batches with the same dropout masks. Its distance from DL4J's
 * FLOAT run after k steps is how far float rounding alone carries a correct trajectory in k steps. The free-running
 * FLOAT engine passes step t when
 * <pre>
 *   drift(engine, dl4j) &lt;= factor · max(max over the window so far of drift(dl4j double, dl4j float), floor)
 * </pre>
 * with drift the largest difference of a parameter element after the step, relative to the largest parameter of its
 * layer: where the trajectory is. (Gradients and updates at a drifted point are judged by the step check; a tiny
 * update whose sign rounding decides, as L1's on a bias at 0, would make them ill-posed here.) A bug that biases every
 * step, however slightly, accumulates faster than rounding noise and leaves that band; rounding noise stays in it.
 */
public final class FloatDrift {
    /** Measured ratios and the choice of these constants: docs/tolerance-policy.md, "FLOAT trajectory". */
    public static final double FACTOR = 16.0;
    /** 64 float ulps at the tensor's scale: below this, drift is the rounding of a handful of steps. */
    static final double FLOOR = 64 * ShadowTolerance.FLOAT_UNIT_ROUNDOFF * 2;

    private final Dl4jTrainer network;
    private final Trainer twin;
    private double windowReference;   // the largest drift(dl4j double, dl4j float) since the last re-synchronisation
    private double worstRatio;

    FloatDrift(NetworkSpec spec, long seed, Map<String, int[]> shapes) {
        this.network = new Dl4jTrainer(spec, DType.DOUBLE, seed);
        this.twin = new Dl4jSideTrainer(network);
    }

    /** Starts a window: the twin takes DL4J's FLOAT parameters and updater state (widened). Modifies the twin. */
    void synchronise(Map<String, double[]> parameters, Map<String, double[]> updaterState) {
        twin.setParameters(parameters);
        twin.setUpdaterState(updaterState);
        windowReference = 0.0;
    }

    void setEpoch(int epoch) {
        twin.setEpoch(epoch);
    }

    /**
     * Steps the twin on {@code batch} with the dropout masks DL4J's FLOAT network is about to draw ({@code randomState},
     * taken before its step), and returns the twin's snapshot. Modifies the twin.
     */
    StepSnapshot step(Batch batch, long[] randomState) {
        network.setRandomState(randomState);
        return twin.step(batch);
    }

    /**
     * Judges one step's parameters after it: {@code engine} (the free-running engine's), {@code dl4j} (DL4J's FLOAT run's)
     * and {@code twin} (the DOUBLE twin's). Returns null when the engine's drift is within the band, else the divergence
     * at the engine's worst element.
     */
    Divergence judge(int epoch, int step, int globalStep, Map<String, double[]> engine, Map<String, double[]> dl4j,
                     Map<String, double[]> twin, Map<String, int[]> shapes) {
        windowReference = StepComparison.maxKeepingNaN(windowReference, drift(twin, dl4j).error());
        double bound = FACTOR * Math.max(windowReference, FLOOR);
        Worst worst = drift(engine, dl4j);
        worstRatio = StepComparison.maxKeepingNaN(worstRatio, worst.error() / Math.max(windowReference, FLOOR));
        if (worst.error() <= bound && Double.isFinite(worst.error())) {   // a non-finite engine value never passes
            return null;
        }
        double[] e = engine.get(worst.key());
        double[] d = dl4j.get(worst.key());
        return new Divergence(Check.TRAJECTORY, epoch, step, globalStep, Quantity.PARAMETER, worst.key(), shapes.get(worst.key()),
                worst.index(), e[worst.index()], d[worst.index()], worst.error(), new Tolerance(bound, 1.0, 0.0));
    }

    /** The worst element of a drift: parameter, flat index, and |x_i - y_i| / max_j |y_j| (+inf when not finite). */
    record Worst(String key, int index, double error) {
    }

    /**
     * The largest |x_i - y_i| relative to the largest |y_j| of its layer (W and b together), over every parameter of
     * {@code y}. A layer's scale, not a bias vector's own: biases that L1 holds within rounding of 0 (oscillating by lr·λ
     * around it, the phase decided by rounding) are noise at the layer's scale, not a trajectory apart.
     */
    static Worst drift(Map<String, double[]> x, Map<String, double[]> y) {
        Map<String, Double> layerScale = new java.util.HashMap<>();
        for (Map.Entry<String, double[]> p : y.entrySet()) {
            double scale = 0.0;
            for (double v : p.getValue()) {
                if (Double.isFinite(v)) {   // a diverged reference's inf or NaN is no scale (its own element is +inf)
                    scale = Math.max(scale, Math.abs(v));
                }
            }
            layerScale.merge(layerOf(p.getKey()), scale, Math::max);
        }
        Worst worst = new Worst(null, 0, 0.0);
        for (Map.Entry<String, double[]> p : y.entrySet()) {
            double[] a = x.get(p.getKey());
            double[] b = p.getValue();
            double scale = layerScale.get(layerOf(p.getKey()));
            for (int i = 0; i < b.length; i++) {
                double err = !Double.isFinite(a[i]) || !Double.isFinite(b[i]) ? Double.POSITIVE_INFINITY
                        : a[i] == b[i] ? 0.0 : Math.abs(a[i] - b[i]) / scale;
                if (err > worst.error() || worst.key() == null) {
                    worst = new Worst(p.getKey(), i, err);
                }
            }
        }
        return worst;
    }

    private static String layerOf(String key) {
        return Integer.toString(ParameterKey.parse(key).layer());
    }

    /** The worst drift(engine) / max(window reference, floor) so far. */
    double worstRatio() {
        return worstRatio;
    }
}
