package lockstep.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lockstep.comparison.TensorDiff;
import lockstep.comparison.Tolerance;
import lockstep.comparison.TolerancePolicy;
import lockstep.data.Batch;
import lockstep.data.Dataset;
import lockstep.data.EpochLoop;
import lockstep.data.EpochPlan;
import lockstep.data.SeededShuffler;
import lockstep.dl4j.Dl4jTrainer;
import lockstep.dl4j.Dl4jValidation;
import lockstep.engine.EngineComponents;
import lockstep.engine.train.Validator;
import lockstep.harness.Dl4jSideTrainer;
import lockstep.harness.EngineFactory;
import lockstep.harness.SidesStep;
import lockstep.harness.Trainer;
import lockstep.linalg.DType;
import lockstep.spec.NetworkSpec;
import lockstep.spec.RunSpec;
import lockstep.spec.TrainingSpec;
import lockstep.spec.UpdaterSpec;

/**
 * Epochs against steps: the same network trained with several batch sizes and learning rates, its loss on the whole
 * training set recorded after given steps and after given epochs. A step is one update from one mini-batch; an epoch
 * is one pass over the N examples, ceil(N/B) steps. With a fixed number of epochs a small batch takes many more
 * steps; with a fixed number of steps a large batch has seen many more examples. Both sides train, the engine and
 * DL4J, from the same initial weights on the same batches, and every step is checked as {@code compare}'s step check
 * does, with the roles swapped: DL4J takes each step from the engine's parameters and updater state (at a large
 * learning rate the run is chaotic and two free-running trajectories would part by rounding alone) and the parameters
 * after it must agree to the step tolerance. The curves follow the engine, whose arithmetic is the same on every CPU,
 * not DL4J, whose rounding depends on the BLAS kernel OpenBLAS picks for the CPU; the losses at the checkpoints are
 * the engine's, held to DL4J's at the same parameters by the step tolerance too. DOUBLE.
 */
public final class BatchSizeDemo {
    /** Checkpoints: the loss after these steps (where a run takes them) and after these epochs. */
    public static final int[] STEPS = {5, 20, 60, 200};
    public static final int[] EPOCHS = {1, 2, 5, 20};

    /**
     * One batch size and learning rate.
     *
     * @param afterStep  engine's loss on all examples after each of {@link #STEPS} (NaN where the run is shorter)
     * @param afterEpoch engine's loss on all examples after each of {@link #EPOCHS} (NaN beyond the run)
     * @param worstError the largest step-check error: parameters after every step, losses at the checkpoints
     */
    public record Curve(int batchSize, double learningRate, int stepsPerEpoch, double[] afterStep, double[] afterEpoch,
                        double worstError) {
    }

    public record Result(RunSpec spec, int examples, int epochs, List<Curve> curves) {
        public boolean passed() {
            return curves.stream().allMatch(c -> c.worstError() <= TolerancePolicy.DOUBLE.step().relative());
        }

        public Curve get(int batchSize, double learningRate) {
            return curves.stream().filter(c -> c.batchSize() == batchSize && c.learningRate() == learningRate).findFirst()
                    .orElseThrow();
        }
    }

    private BatchSizeDemo() {
    }

    public static Result run(RunSpec spec, Dataset data, List<Integer> batchSizes, List<Double> learningRates, int epochs) {
        RunSpec run = spec.withTraining(spec.training().withDataType(DType.DOUBLE).withEpochs(epochs));
        List<Curve> curves = new ArrayList<>();
        for (double lr : learningRates) {
            for (int b : batchSizes) {
                curves.add(curve(run, data, b, lr, epochs));
            }
        }
        return new Result(run, data.size(), epochs, curves);
    }

    private static Curve curve(RunSpec spec, Dataset data, int batchSize, double lr, int epochs) {
        long seed = spec.training().seed();
        NetworkSpec net = spec.network().withUpdater(new UpdaterSpec(spec.network().updater().type(), lr));
        EngineComponents components = new EngineComponents();
        Trainer engine = EngineFactory.MATRIX.create(net, DType.DOUBLE, seed, components);
        Dl4jTrainer dl4jNet = new Dl4jTrainer(net, DType.DOUBLE, seed);
        Trainer dl4j = new Dl4jSideTrainer(dl4jNet);
        dl4j.setParameters(engine.parameters());
        Validator validator = new Validator(net, DType.DOUBLE, components, data);
        int[] all = new int[data.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        Batch everything = data.batch(all, DType.DOUBLE, net.loss().labels());
        double[] x = everything.features().toDoubleArray();
        double[] y = everything.labels().toDoubleArray();
        Tolerance tol = TolerancePolicy.DOUBLE.step();
        double[] worst = {0};
        java.util.function.DoubleSupplier loss = () -> {
            double e = validator.evaluate(engine.parameters()).loss();
            double d = Dl4jValidation.evaluate(dl4jNet, x, y, all.length).loss();
            worst[0] = Math.max(worst[0], tol.error(e, d, Math.abs(d)));
            return e;
        };
        Map<Integer, Double> steps = new LinkedHashMap<>();
        Map<Integer, Double> epochLoss = new LinkedHashMap<>();
        TrainingSpec training = spec.training().withBatchSize(batchSize);
        EpochLoop.run(EpochLoop.plan(training, new SeededShuffler(seed), data.size()), epochs,
                new SidesStep(data, DType.DOUBLE, net.loss().labels(), engine, dl4j) {
            @Override
            protected boolean step(int epoch, int s, int globalStep, Batch batch) {
                dl4j.setParameters(engine.parameters());                 // the step check: same parameters,
                dl4j.setUpdaterState(engine.updaterState());             // same updater state
                Map<String, double[]> e = engine.step(batch).parameters();
                Map<String, double[]> d = dl4j.step(batch).parameters();
                for (Map.Entry<String, double[]> p : d.entrySet()) {
                    worst[0] = Math.max(worst[0], TensorDiff.of(e.get(p.getKey()), p.getValue(), tol).worstError());
                }
                if (contains(STEPS, globalStep)) {
                    steps.put(globalStep, loss.getAsDouble());
                }
                return true;
            }

            @Override
            public boolean endEpoch(int epoch, int globalStep) {
                if (contains(EPOCHS, epoch)) {
                    epochLoss.put(epoch, loss.getAsDouble());
                }
                return true;
            }
        });
        double[] afterStep = new double[STEPS.length];
        double[] afterEpoch = new double[EPOCHS.length];
        for (int i = 0; i < STEPS.length; i++) {
            afterStep[i] = steps.getOrDefault(STEPS[i], Double.NaN);
        }
        for (int i = 0; i < EPOCHS.length; i++) {
            afterEpoch[i] = epochLoss.getOrDefault(EPOCHS[i], Double.NaN);
        }
        return new Curve(batchSize, lr, EpochPlan.stepsPerEpoch(training, data.size()), afterStep, afterEpoch, worst[0]);
    }

    private static boolean contains(int[] a, int v) {
        for (int x : a) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }

    /** The epochs-vs-steps arithmetic for n examples at batch size b, e.g. {@code B = 16 -> 10 steps (9 of 16, the last of 6)}. */
    public static String arithmetic(int n, int b) {
        int full = n / b;
        int rest = n % b;
        int steps = EpochPlan.stepsPerEpoch(n, b);
        String s = String.format(Locale.ROOT, "B = %d -> %,d step%s", b, steps, steps == 1 ? "" : "s");
        if (rest == 0) {
            return s;
        }
        return s + String.format(Locale.ROOT, " (%,d of %d, the last of %d; %,d with --drop-last)", full, b, rest, full);
    }
}
