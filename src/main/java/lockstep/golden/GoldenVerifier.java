package lockstep.golden;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lockstep.LockstepException;
import lockstep.comparison.Check;
import lockstep.comparison.Divergence;
import lockstep.comparison.OrderCheck;
import lockstep.comparison.Quantity;
import lockstep.comparison.StepComparison;
import lockstep.comparison.StepSnapshot;
import lockstep.comparison.TensorDiff;
import lockstep.comparison.Tolerance;
import lockstep.comparison.TolerancePolicy;
import lockstep.data.Batch;
import lockstep.data.Dataset;
import lockstep.data.Datasets;
import lockstep.data.EpochLoop;
import lockstep.data.EpochPlan;
import lockstep.data.SeededShuffler;
import lockstep.data.Shuffler;
import lockstep.dl4j.Dl4jTrainer;
import lockstep.engine.EngineComponents;
import lockstep.harness.Dl4jSideTrainer;
import lockstep.harness.EngineFactory;
import lockstep.harness.LockstepRun;
import lockstep.harness.MaskCheck;
import lockstep.harness.SidesStep;
import lockstep.harness.Trainer;
import lockstep.linalg.DType;
import lockstep.spec.ParameterKey;
import lockstep.spec.RunSpec;

/**
 * Replays a {@link GoldenScenario} and compares it with the golden data under the harness's
 * {@link TolerancePolicy} for its data type, with the golden values in DL4J's place:
 * <ul>
 *   <li>the engine ({@link #verifyEngine}) from the stored initial parameters on the stored batch order,
 *   twice, as {@link LockstepRun} does: one engine re-anchored to the golden parameters and updater
 *   state before each stored step is held to the step tolerance there; a free-running one to the
 *   trajectory tolerance at every stored step and on every step's loss, re-synchronised with the golden
 *   state at a stored step once the drift window has passed;</li>
 *   <li>DL4J ({@link #verifyDl4j}), which should retrace its own recorded trajectory (bit for bit with
 *   the same version and thread count): from the stored initial parameters on the stored batches,
 *   taken from its recorded anchor at every stored step and held to the step tolerance there, running free between
 *   them with each step's loss held to the trajectory tolerance (the step tolerance in FLOAT). This
 *   is what catches a DL4J upgrade that changes numbers.</li>
 * </ul>
 * Also checks that the stored batch order is still the one the harness's shuffling gives
 * ({@link #checkBatchPlan}) and that the dataset is the one recorded.
 */
public final class GoldenVerifier {
    private GoldenVerifier() {
    }

    /** The scenario's dataset, refused when it is not the data the scenario was recorded on. */
    public static Dataset dataset(GoldenScenario g, String where) {
        Dataset data = Datasets.load(g.spec().data());
        DatasetFingerprint now = DatasetFingerprint.of(data);
        if (!now.equals(g.dataset())) {
            throw new LockstepException(where + ": dataset " + data.name() + " (" + data.size() + " examples, SHA-256 "
                    + now.sha256() + ") is not the one recorded (" + g.dataset().name() + ", " + g.dataset().examples()
                    + " examples, SHA-256 " + g.dataset().sha256() + ")");
        }
        return data;
    }

    /** Null when the stored batches are the ones LockstepRun's plan gives; otherwise the first difference, one line. */
    public static String checkBatchPlan(GoldenScenario g, Dataset data) {
        RunSpec spec = g.spec();
        SeededShuffler order = new SeededShuffler(spec.training().seed());
        int t = 0;
        for (int epoch = 1; epoch <= spec.training().epochs(); epoch++) {
            List<int[]> plan = EpochPlan.batches(spec.training(), order, data.size(), epoch);
            for (int s = 0; s < plan.size(); s++) {
                int[] p = plan.get(s);
                int[] stored = g.batches().get(t++);
                for (int i = 0; i < Math.max(p.length, stored.length); i++) {
                    int a = i < p.length ? p[i] : -1;
                    int b = i < stored.length ? stored[i] : -1;
                    if (a != b) {
                        return String.format(Locale.ROOT, "epoch %d step %d (step %d of %d): batch position %d holds example %d"
                                + " in the harness's plan but %d in the golden batch order (seeded shuffling or batching"
                                + " changed since recording)", epoch, s + 1, t, g.steps(), i, a, b);
                    }
                }
            }
        }
        return null;
    }

    /** The first difference between the engine's batches ({@code shuffler}, cut as recorded) and the recorded ones, or null. */
    private static Divergence engineOrder(GoldenScenario g, Dataset data, Shuffler shuffler, Tolerance tolerance) {
        int perEpoch = g.stepsPerEpoch(data.size());
        for (int epoch = 1; epoch <= g.spec().training().epochs(); epoch++) {
            int before = (epoch - 1) * perEpoch;
            List<int[]> engine = EpochPlan.batches(g.spec().training(), shuffler, data.size(), epoch);
            Divergence d = OrderCheck.firstDifference(epoch, before, engine, g.batches().subList(before, before + perEpoch),
                    tolerance);
            if (d != null) {
                return d;
            }
        }
        return null;
    }

    /** The engine {@code engines} builds from {@code components} (a test plants a faulty one) against the golden data. */
    public static SideResult verifyEngine(GoldenScenario g, Dataset data, EngineComponents components,
                                          EngineFactory engines) {
        RunSpec spec = g.spec();
        DType dtype = g.dataType();
        long seed = spec.training().seed();
        TolerancePolicy policy = TolerancePolicy.defaultFor(dtype);
        Map<String, int[]> shapes = g.parameterShapes();
        Trainer anchored = engines.create(spec.network(), dtype, seed, components);
        Trainer free = engines.create(spec.network(), dtype, seed, components);
        Tally tally = new Tally("engine", g.steps());

        // Step 0: the engine's own draw from the seed must be DL4J's recorded one, bit for bit, and its fresh updater
        // state DL4J's (RmsProp's starts at epsilon); then its own batch order must be the recorded one.
        if (!tally.initialState(anchored.updaterState(), g.initialState(), shapes, policy.step())) {
            return tally.result();
        }
        tally.add(StepComparison.ofStartingState(anchored.parameters(), g.initialParameters(), anchored.updaterState(),
                g.initialState(), shapes));
        if (tally.failed()) {
            return tally.result();
        }
        tally.fail(engineOrder(g, data, components.shuffler(seed), policy.step()));
        if (tally.failed()) {
            return tally.result();
        }
        for (Trainer t : List.of(anchored, free)) {
            t.setParameters(g.initialParameters());
            t.setUpdaterState(g.initialState());
        }
        Map<Integer, Integer> storedIndex = storedIndex(g);
        int[] lastSync = {0};
        EpochLoop.run(recorded(g, data), spec.training().epochs(),
                new SidesStep(data, dtype, spec.network().loss().labels(), anchored, free) {
            @Override
            protected boolean step(int epoch, int s, int t, Batch batch) {
                Integer idx = storedIndex.get(t);
                if (idx != null) {
                    setTo(anchored, g.anchorOf(idx));
                }
                StepSnapshot a = anchored.step(batch);
                StepSnapshot f = free.step(batch);
                tally.fail(MaskCheck.firstDifference(epoch, s, t, spec.network(), anchored.dropoutMasks(), recordedMasks(g, t),
                        policy.step()));
                tally.trace.loss(t, f.loss());
                if (idx != null) {
                    StepSnapshot gold = g.storedSteps().get(idx).snapshot();
                    tally.addStored(t, StepComparison.of(Check.STEP, epoch, s, t, a, gold, shapes, policy.step()));
                    tally.addDrift(StepComparison.of(Check.TRAJECTORY, epoch, s, t, f, gold, shapes, policy.trajectory()));
                    tally.stored++;
                    if (policy.driftWindow() > 0 && t - lastSync[0] >= policy.driftWindow()) {
                        free.setParameters(gold.parameters());
                        free.setUpdaterState(gold.updaterState());
                        lastSync[0] = t;
                    }
                } else {
                    tally.loss(Check.TRAJECTORY, epoch, s, t, f.loss(), g.losses()[t - 1], policy.trajectory());
                }
                tally.steps = t;
                return !tally.failed();
            }
        });
        return tally.result();
    }

    /** DL4J replayed from the stored start on the stored batches, against its own recording. */
    public static SideResult verifyDl4j(GoldenScenario g, Dataset data) {
        RunSpec spec = g.spec();
        DType dtype = g.dataType();
        TolerancePolicy policy = TolerancePolicy.defaultFor(dtype);
        Map<String, int[]> shapes = g.parameterShapes();
        Trainer dl4j = new Dl4jSideTrainer(new Dl4jTrainer(spec.network(), dtype, spec.training().seed(),
                null));
        dl4j.setParameters(g.initialParameters());
        Tally tally = new Tally("dl4j", g.steps());
        tally.add(StepComparison.ofInitialParameters(dl4j.parameters(), g.initialParameters(), shapes, policy.step()));
        if (tally.failed() || !tally.initialState(dl4j.updaterState(), g.initialState(), shapes, policy.step())) {
            return tally.result();
        }
        Map<Integer, Integer> storedIndex = storedIndex(g);
        // Between stored steps DL4J runs free, and another BLAS kernel than the recording's rounds differently (bit for bit
        // only with the same kernel and thread count): those steps' losses are held to the trajectory tolerance (FLOAT,
        // which has none: the step tolerance); each stored step is taken from its recorded anchor, a single step.
        Tolerance between = Double.isFinite(policy.trajectory().relative()) ? policy.trajectory() : policy.step();
        Check betweenCheck = between == policy.step() ? Check.STEP : Check.TRAJECTORY;
        EpochLoop.run(recorded(g, data), spec.training().epochs(),
                new SidesStep(data, dtype, spec.network().loss().labels(), dl4j) {
            @Override
            protected boolean step(int epoch, int s, int t, Batch batch) {
                Integer idx = storedIndex.get(t);
                if (idx != null) {
                    setTo(dl4j, g.anchorOf(idx));
                }
                StepSnapshot d = asStored(dtype, dl4j.step(batch));
                tally.fail(MaskCheck.firstDifference(epoch, s, t, spec.network(), dl4j.dropoutMasks(), recordedMasks(g, t),
                        policy.step()));
                tally.trace.loss(t, d.loss());
                if (idx != null) {
                    StepSnapshot gold = g.storedSteps().get(idx).snapshot();
                    tally.addStored(t, StepComparison.of(Check.STEP, epoch, s, t, d, gold, shapes, policy.step()));
                    tally.stored++;
                } else {
                    tally.loss(betweenCheck, epoch, s, t, d.loss(), g.losses()[t - 1], between);
                }
                tally.steps = t;
                return !tally.failed();
            }
        });
        return tally.result();
    }

    /** Puts {@code side} at a recorded state: its parameters and updater state. Modifies {@code side}. */
    private static void setTo(Trainer side, GoldenScenario.State state) {
        side.setParameters(state.parameters());
        side.setUpdaterState(state.updaterState());
    }

    /** The recorded batches as the epoch loop's plan: epoch e holds stored steps (e-1)·perEpoch+1 to e·perEpoch. */
    private static EpochLoop.Plan recorded(GoldenScenario g, Dataset data) {
        int perEpoch = g.stepsPerEpoch(data.size());
        return epoch -> g.batches().subList((epoch - 1) * perEpoch, epoch * perEpoch);
    }

    /** The masks recorded for step t (1-based), keyed as {@link Trainer#dropoutMasks()} gives them. */
    private static Map<String, double[]> recordedMasks(GoldenScenario g, int t) {
        Map<String, double[]> out = new LinkedHashMap<>();
        int rows = g.batches().get(t - 1).length;
        g.dropoutMasks().keySet().forEach(layer -> out.put(ParameterKey.dropoutName(layer),
                g.maskSource().mask(layer, t - 1, rows, g.spec().network().layers().get(layer).nIn())));
        return out;
    }

    private static double maxKeepingNaN(double a, double b) {
        return Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : Math.max(a, b);
    }

    private static Map<Integer, Integer> storedIndex(GoldenScenario g) {
        Map<Integer, Integer> index = new HashMap<>();
        for (int i = 0; i < g.storedSteps().size(); i++) {
            index.put(g.storedSteps().get(i).step(), i);
        }
        return index;
    }

    /** The snapshot as the golden files hold it: in a FLOAT run every tensor rounded to float (the loss stays double). */
    static StepSnapshot asStored(DType dtype, StepSnapshot s) {
        if (dtype == DType.DOUBLE) {
            return s;
        }
        return new StepSnapshot(s.loss(), toFloat(s.gradients()), toFloat(s.updates()), toFloat(s.parameters()),
                toFloat(s.updaterState()));
    }

    private static Map<String, double[]> toFloat(Map<String, double[]> m) {
        Map<String, double[]> out = new LinkedHashMap<>();
        m.forEach((k, v) -> {
            double[] f = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                f[i] = (float) v[i];
            }
            out.put(k, f);
        });
        return out;
    }

    /** Collects the worst errors and the first failure of one side's replay. */
    private static final class Tally {
        final String side;
        final int totalSteps;
        int steps;
        int stored;
        double worstStep;
        double worstDrift;
        double largestAbsolute;
        Divergence divergence;
        String failure;
        final ReplayTrace trace = new ReplayTrace();

        Tally(String side, int totalSteps) {
            this.side = side;
            this.totalSteps = totalSteps;
        }

        boolean failed() {
            return failure != null;
        }

        void add(StepComparison c) {
            worstStep = maxKeepingNaN(worstStep, c.worstOverall());
            largestAbsolute = Math.max(largestAbsolute, c.largestAbsolute());
            fail(c.divergence());
        }

        /** A stored step's step check, also traced. */
        void addStored(int step, StepComparison c) {
            trace.stored(step, c.largestAbsoluteByParameter());
            add(c);
        }

        void addDrift(StepComparison c) {
            worstDrift = maxKeepingNaN(worstDrift, c.worstOverall());
            fail(c.divergence());
        }

        void loss(Check check, int epoch, int s, int t, double value, double golden, Tolerance tolerance) {
            TensorDiff diff = TensorDiff.of(new double[] {value}, new double[] {golden}, tolerance);
            if (check == Check.STEP) {
                worstStep = maxKeepingNaN(worstStep, diff.worstError());
                largestAbsolute = Math.max(largestAbsolute, diff.largestAbsolute());
            } else {
                worstDrift = maxKeepingNaN(worstDrift, diff.worstError());
            }
            if (!diff.passed()) {
                fail(new Divergence(check, epoch, s, t, Quantity.LOSS, null, null, 0, value, golden,
                        diff.firstFailError(), tolerance));
            }
        }

        /** Compares the updater state before the first step; false (and a failure) when it differs. */
        boolean initialState(Map<String, double[]> actual, Map<String, double[]> golden, Map<String, int[]> shapes,
                             Tolerance tolerance) {
            if (!actual.keySet().equals(golden.keySet())) {
                failure = "before training: updater state " + actual.keySet() + " (" + side + ") but the golden data has "
                        + golden.keySet();
                return false;
            }
            for (String key : StepComparison.backpropOrder(golden.keySet())) {   // output layer first, as every step
                TensorDiff diff = TensorDiff.of(actual.get(key), golden.get(key), tolerance);
                worstStep = maxKeepingNaN(worstStep, diff.worstError());
                largestAbsolute = Math.max(largestAbsolute, diff.largestAbsolute());
                if (!diff.passed()) {
                    int i = diff.firstFailIndex();
                    fail(new Divergence(Check.STEP, 0, 0, 0, Quantity.UPDATER_STATE, key,
                            shapes.get(ParameterKey.parse(key).name()), i, actual.get(key)[i], golden.get(key)[i],
                            diff.firstFailError(), tolerance));
                    return false;
                }
            }
            return true;
        }

        private void fail(Divergence d) {
            if (d != null && failure == null) {
                divergence = d;
                failure = describe(d, side, totalSteps);
            }
        }

        SideResult result() {
            return new SideResult(side, steps, stored, worstStep, worstDrift, largestAbsolute, divergence, failure, trace);
        }
    }

    /**
     * One line, like compare's: {@code epoch 1 step 3 (step 3 of 30): gradient 1_W[0,5]  engine 0.1234  golden 0.1250
     * abs 1.6e-03  rel 1.3e-02  (step tolerance 1e-10)}.
     */
    private static String describe(Divergence d, String side, int totalSteps) {
        String when = d.globalStep() == 0 ? "before training"
                : String.format(Locale.ROOT, "epoch %d step %d (step %d of %d)", d.epoch(), d.step(), d.globalStep(),
                totalSteps);
        String what = d.quantity() == Quantity.LOSS ? "loss" : d.what();
        return String.format(Locale.ROOT, "%s: %s  %s %s  golden %s  abs %.1e  rel %.1e  (%s tolerance %.0e)", when, what,
                side, goldenValue(d.engineValue()), goldenValue(d.dl4jValue()), Math.abs(d.engineValue() - d.dl4jValue()), d.error(),
                d.check().label(), d.tolerance().relative());
    }

    private static String goldenValue(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.10g", v) : Double.toString(v);
    }
}
