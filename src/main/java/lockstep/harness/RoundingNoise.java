package lockstep.harness;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lockstep.comparison.Quantity;
import lockstep.comparison.StepSnapshot;
import lockstep.comparison.TensorDiff;
import lockstep.comparison.Tolerance;
import lockstep.data.Batch;
import lockstep.dl4j.Dl4jTrainer;
import lockstep.linalg.DType;
import lockstep.linalg.Matrix;
import lockstep.rand.SplitMix64;
import lockstep.spec.NetworkSpec;

/**
 * How far DL4J's own loss and gradients at one step move when their inputs move by a few ulps: DL4J's step taken again
 * {@link #REPLICAS} times from the same parameters, updater state, dropout draw and batch, with every parameter and
 * feature nudged {@value #ULPS} ulps up or down at random. Where a step's result cancels (a cosine-proximity gradient
 * whose two terms agree to ten digits, a sum of terms a thousand times larger than their total), such a change of its inputs
 * moves it about as much as the rounding of another summation order does, so two correct implementations may differ
 * by that much; where nothing cancels the replicas move it by a few ulps. This is DL4J's noise, measured on DL4J alone:
 * nothing the engine computed enters it.
 * <p>
 * The step check in DOUBLE excuses a loss or gradient tensor whose every element is within its tolerance or within
 * {@link #FACTOR} times the largest move of that element among the replicas ({@link #covers}). The replicas are taken
 * only when a tensor fails its tolerance, so a passing step costs nothing. A planted relative error of 1e-4 is excused
 * only where {@value #ULPS} ulps of input move DL4J's result by more than 1e-4 / {@value #FACTOR} of its size: where DL4J itself
 * cannot tell.
 */
final class RoundingNoise {
    /** Replicas per step. */
    static final int REPLICAS = 4;
    /** How far each input is nudged, in ulps of its own size. */
    static final double ULPS = 16.0;
    /** How many times the largest replica move an engine difference may be. */
    static final double FACTOR = 8.0;

    private final NetworkSpec spec;
    private final DType dtype;
    private final long seed;
    private final Map<String, int[]> shapes;
    /** DL4J's replica network, built on the first measurement and modified by every one. */
    private Dl4jTrainer network;
    private Dl4jSideTrainer side;

    /** Measures DL4J's network {@code spec} in {@code dtype}, built from {@code seed}, with parameters of {@code shapes}. */
    RoundingNoise(NetworkSpec spec, DType dtype, long seed, Map<String, int[]> shapes) {
        this.spec = spec;
        this.dtype = dtype;
        this.seed = seed;
        this.shapes = shapes;
    }

    /**
     * One step's measurement, taken lazily: DL4J's step {@code dl4j} from {@code parameters}, {@code state} and the
     * generator state {@code random} on {@code batch}; the nudges are drawn from {@code globalStep}.
     */
    Step at(int globalStep, Map<String, double[]> parameters, Map<String, double[]> state, long[] random, Batch batch,
            StepSnapshot dl4j) {
        return new Step(globalStep, parameters, state, random, batch, dl4j);
    }

    /** The replicas of one step, taken on the first question. */
    final class Step {
        private final int globalStep;
        private final Map<String, double[]> parameters;
        private final Map<String, double[]> state;
        private final long[] random;
        private final Batch batch;
        private final StepSnapshot dl4j;
        private List<StepSnapshot> replicas;

        private Step(int globalStep, Map<String, double[]> parameters, Map<String, double[]> state, long[] random,
                     Batch batch, StepSnapshot dl4j) {
            this.globalStep = globalStep;
            this.parameters = parameters;
            this.state = state;
            this.random = random;
            this.batch = batch;
            this.dl4j = dl4j;
        }

        /**
         * Whether the engine's tensor ({@code q}, {@code name}) of {@code engine} differs from DL4J's, element by element,
         * by at most {@link #FACTOR} times the largest move of that element among the replicas, or passes {@code tolerance}
         * there. Only the loss and the gradients are covered; a non-finite value never is.
         */
        boolean covers(Quantity q, String name, StepSnapshot engine, Tolerance tolerance) {
            if (q != Quantity.LOSS && q != Quantity.GRADIENT) {
                return false;
            }
            double[] e = values(q, name, engine);
            double[] d = values(q, name, dl4j);
            double scale = TensorDiff.scale(d);   // the scale the step check judged the tensor at
            List<double[]> moved = new ArrayList<>();
            for (StepSnapshot r : replicas()) {
                moved.add(values(q, name, r));
            }
            for (int i = 0; i < e.length; i++) {
                if (tolerance.passes(tolerance.error(e[i], d[i], scale))) {
                    continue;
                }
                double move = 0.0;
                for (double[] r : moved) {
                    move = Math.max(move, Math.abs(r[i] - d[i]));
                }
                if (!(Math.abs(e[i] - d[i]) <= FACTOR * move)) {
                    return false;
                }
            }
            return true;
        }

        private List<StepSnapshot> replicas() {
            if (replicas == null) {
                if (network == null) {
                    network = new Dl4jTrainer(spec, dtype, seed);
                    side = new Dl4jSideTrainer(network);
                }
                SplitMix64 directions = new SplitMix64(globalStep);
                replicas = new ArrayList<>();
                for (int r = 0; r < REPLICAS; r++) {
                    Map<String, double[]> nudged = new LinkedHashMap<>();
                    parameters.forEach((k, v) -> nudged.put(k, nudged(v, directions)));
                    side.setParameters(nudged);
                    side.setUpdaterState(state);
                    network.setRandomState(random);
                    Matrix x = batch.features();
                    Matrix features = Matrix.of(dtype, x.rows(), x.cols(), nudged(x.toDoubleArray(), directions));
                    replicas.add(side.step(new Batch(batch.exampleIndices(), features, batch.labels())));
                }
            }
            return replicas;
        }
    }

    /** {@code v} with every element moved {@link #ULPS} ulps (of the run's data type) up or down, as {@code directions} says. */
    private double[] nudged(double[] v, SplitMix64 directions) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            double sign = (directions.nextLong() & 1L) == 0 ? 1.0 : -1.0;
            out[i] = dtype == DType.FLOAT
                    ? (float) (v[i] + sign * ULPS * Math.ulp((float) v[i]))
                    : v[i] + sign * ULPS * Math.ulp(v[i]);
        }
        return out;
    }

    private static double[] values(Quantity q, String name, StepSnapshot s) {
        return q == Quantity.LOSS ? new double[] {s.loss()} : s.gradients().get(name);
    }
}
