package lockstep.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lockstep.comparison.TensorDiff;
import lockstep.comparison.Tolerance;
import lockstep.comparison.TolerancePolicy;
import lockstep.data.Batch;
import lockstep.data.Dataset;
import lockstep.data.EpochLoop;
import lockstep.data.SeededShuffler;
import lockstep.dl4j.Dl4jTrainer;
import lockstep.engine.EngineComponents;
import lockstep.harness.Dl4jSideTrainer;
import lockstep.harness.EngineFactory;
import lockstep.harness.SidesStep;
import lockstep.harness.Trainer;
import lockstep.linalg.DType;
import lockstep.spec.ActivationType;
import lockstep.spec.LayerSpec;
import lockstep.spec.LossType;
import lockstep.spec.NetworkSpec;
import lockstep.spec.ParameterKey;
import lockstep.spec.RunSpec;
import lockstep.spec.TrainingSpec;
import lockstep.spec.UpdaterSpec;
import lockstep.spec.UpdaterType;
import lockstep.spec.WeightInit;

/**
 * Why weights start random: with all-equal initial weights every hidden unit of a layer computes the same
 * activation, receives the same gradient and takes the same update, so the units stay copies of each other for the
 * whole run, however long it trains, and the layer is as good as one unit wide; all-zero weights are the extreme
 * case (with tanh nothing but the output bias ever moves). A random start breaks the symmetry. Each start trains on
 * both sides, the engine and DL4J, from the same initial weights on the same batches, and the asymmetry is measured
 * on each side after every step. DOUBLE.
 * <p>
 * Hidden unit j of layer l is its incoming weights W_l[:,j], its bias b_l[j] and its outgoing weights W_(l+1)[j,:];
 * the asymmetry of a layer is the largest difference between two of its units over all those weights, i.e. the
 * largest (max - min) over the units of any one of their weights.
 */
public final class SymmetryDemo {
    /** The initial weights tried: all zero, all equal, and the spec's random draw. */
    public enum Start {
        ZERO("all 0"), CONSTANT("all " + SymmetryDemo.CONSTANT), RANDOM("random (Xavier uniform)");

        private final String label;

        Start(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** The value of every weight of the CONSTANT start (biases start at 0 in every start). */
    public static final double CONSTANT = 0.1;

    /**
     * One start on both sides.
     *
     * @param asymmetry      per side ("engine", "dl4j"), per step (index 0: before training), per hidden layer
     * @param moved          per side, the largest |W_l - W_l(start)| of every layer at the end
     * @param finalLoss      per side, the batch loss of the last step
     * @param sidesDiffer    the largest trajectory error between the engine's and DL4J's final parameters
     */
    public record Run(Start start, Map<String, double[][]> asymmetry, Map<String, double[]> moved,
                      Map<String, Double> finalLoss, double sidesDiffer) {

        /** The largest asymmetry of any hidden layer at any step on a side. */
        public double maxAsymmetry(String side) {
            double m = 0;
            for (double[] step : asymmetry.get(side)) {
                for (double a : step) {
                    m = Math.max(m, a);
                }
            }
            return m;
        }

        /** The smallest asymmetry of any hidden layer at any step on a side. */
        public double minAsymmetry(String side) {
            double m = Double.POSITIVE_INFINITY;
            for (double[] step : asymmetry.get(side)) {
                for (double a : step) {
                    m = Math.min(m, a);
                }
            }
            return m;
        }
    }

    public record Result(RunSpec spec, int steps, List<Run> runs) {
        /** Equal starts stay exactly symmetric on both sides, the random one never is, and the sides agree. */
        public boolean passed() {
            for (Run r : runs) {
                for (String side : SIDES) {
                    boolean symmetric = r.maxAsymmetry(side) == 0.0;
                    if (symmetric != (r.start() != Start.RANDOM) || (r.start() == Start.RANDOM && !(r.minAsymmetry(side) > 0))) {
                        return false;
                    }
                }
                if (!(r.sidesDiffer() <= TolerancePolicy.DOUBLE.trajectory().relative())) {
                    return false;
                }
            }
            return true;
        }
    }

    public static final List<String> SIDES = List.of("engine", "dl4j");

    private SymmetryDemo() {
    }

    /** The demo's network: 4-8(tanh)-8(tanh)-3(softmax) on Iris, MCXENT, SGD lr 0.1, batch 16, seed 42, DOUBLE. */
    public static RunSpec defaultSpec(int epochs) {
        NetworkSpec net = new NetworkSpec(List.of(new LayerSpec(4, 8, ActivationType.TANH),
                new LayerSpec(8, 8, ActivationType.TANH), new LayerSpec(8, 3, ActivationType.SOFTMAX)),
                LossType.MCXENT, WeightInit.XAVIER_UNIFORM, new UpdaterSpec(UpdaterType.SGD, 0.05));
        return RunSpec.irisDefault().withNetwork(net).withTraining(new TrainingSpec(16, epochs, 42, DType.DOUBLE));
    }

    public static Result run(RunSpec spec, Dataset data) {
        RunSpec run = spec.withTraining(spec.training().withDataType(DType.DOUBLE));
        List<Run> runs = new ArrayList<>();
        int steps = 0;
        for (Start start : Start.values()) {
            Run r = run(run, data, start);
            runs.add(r);
            steps = r.asymmetry().get("engine").length - 1;
        }
        return new Result(run, steps, runs);
    }

    private static Run run(RunSpec spec, Dataset data, Start start) {
        long seed = spec.training().seed();
        NetworkSpec net = spec.network();
        Trainer engine = EngineFactory.MATRIX.create(net, DType.DOUBLE, seed, new EngineComponents());
        Trainer dl4j = new Dl4jSideTrainer(new Dl4jTrainer(net, DType.DOUBLE, seed));
        Map<String, double[]> initial = initial(engine.parameters(), start);
        engine.setParameters(initial);
        dl4j.setParameters(initial);
        Map<String, List<double[]>> asym = new LinkedHashMap<>();
        Map<String, Double> loss = new LinkedHashMap<>();
        for (String side : SIDES) {
            asym.put(side, new ArrayList<>(List.of(asymmetry(initial, net))));
        }
        EpochLoop.run(EpochLoop.plan(spec.training(), new SeededShuffler(seed), data.size()), spec.training().epochs(),
                new SidesStep(data, DType.DOUBLE, net.loss().labels(), engine, dl4j) {
                    @Override
                    protected boolean step(int epoch, int s, int globalStep, Batch batch) {
                        loss.put("engine", engine.step(batch).loss());
                        loss.put("dl4j", dl4j.step(batch).loss());
                        asym.get("engine").add(asymmetry(engine.parameters(), net));
                        asym.get("dl4j").add(asymmetry(dl4j.parameters(), net));
                        return true;
                    }
                });
        Map<String, double[][]> asymmetry = new LinkedHashMap<>();
        Map<String, double[]> moved = new LinkedHashMap<>();
        asym.forEach((side, list) -> asymmetry.put(side, list.toArray(double[][]::new)));
        moved.put("engine", moved(initial, engine.parameters(), net));
        moved.put("dl4j", moved(initial, dl4j.parameters(), net));
        double differ = 0;
        Tolerance t = TolerancePolicy.DOUBLE.trajectory();
        for (Map.Entry<String, double[]> e : engine.parameters().entrySet()) {
            differ = Math.max(differ, TensorDiff.of(e.getValue(), dl4j.parameters().get(e.getKey()), t).worstError());
        }
        return new Run(start, asymmetry, moved, loss, differ);
    }

    /** The start's initial parameters: W all 0 or all {@link #CONSTANT} (biases 0), or the random draw given. */
    static Map<String, double[]> initial(Map<String, double[]> random, Start start) {
        if (start == Start.RANDOM) {
            return random;
        }
        Map<String, double[]> out = new LinkedHashMap<>();
        random.forEach((k, v) -> {
            double[] w = new double[v.length];
            if (!ParameterKey.parse(k).isBias()) {
                java.util.Arrays.fill(w, start == Start.ZERO ? 0.0 : CONSTANT);
            }
            out.put(k, w);
        });
        return out;
    }

    /** Per hidden layer l: the largest over its units' weights (W_l[:,j], b_l[j], W_(l+1)[j,:]) of max_j - min_j. */
    static double[] asymmetry(Map<String, double[]> p, NetworkSpec net) {
        int hidden = net.layers().size() - 1;
        double[] out = new double[hidden];
        for (int l = 0; l < hidden; l++) {
            int nIn = net.layers().get(l).nIn();
            int units = net.layers().get(l).nOut();
            int nOut = net.layers().get(l + 1).nOut();
            double[] w = p.get(ParameterKey.weights(l).name());          // [nIn, units]
            double[] b = p.get(ParameterKey.bias(l).name());             // [units]
            double[] next = p.get(ParameterKey.weights(l + 1).name());   // [units, nOut]
            double worst = 0;
            for (int i = 0; i < nIn; i++) {
                worst = Math.max(worst, spread(w, i * units, 1, units));
            }
            worst = Math.max(worst, spread(b, 0, 1, units));
            for (int o = 0; o < nOut; o++) {
                worst = Math.max(worst, spread(next, o, nOut, units));
            }
            out[l] = worst;
        }
        return out;
    }

    /** max - min of a[start], a[start + stride], ... (count values). */
    private static double spread(double[] a, int start, int stride, int count) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < count; k++) {
            lo = Math.min(lo, a[start + k * stride]);
            hi = Math.max(hi, a[start + k * stride]);
        }
        return hi - lo;
    }

    /** Per layer, the largest |W - W(start)|. */
    private static double[] moved(Map<String, double[]> initial, Map<String, double[]> now, NetworkSpec net) {
        double[] out = new double[net.layers().size()];
        for (int l = 0; l < out.length; l++) {
            double[] a = initial.get(ParameterKey.weights(l).name());
            double[] b = now.get(ParameterKey.weights(l).name());
            for (int i = 0; i < a.length; i++) {
                out[l] = Math.max(out[l], Math.abs(b[i] - a[i]));
            }
        }
        return out;
    }
}
