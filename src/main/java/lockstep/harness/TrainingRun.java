package lockstep.harness;

import lockstep.data.Batch;
import lockstep.data.Dataset;
import lockstep.data.EpochPlan;
import lockstep.data.TrainTestSplit;
import lockstep.dl4j.Dl4jTrainer;
import lockstep.engine.EngineComponents;
import lockstep.engine.Network;
import lockstep.engine.NetworkBuilder;
import lockstep.engine.train.Evaluation;
import lockstep.engine.train.MiniBatchStep;
import lockstep.engine.train.TrainingLoop;
import lockstep.linalg.DType;
import lockstep.spec.RunSpec;

/**
 * Plain training, as {@code lockstep train} does it: the engine's {@link TrainingLoop} over the
 * training examples for the spec's epochs, then test accuracy on the test examples. With DL4J as
 * well, DL4J trains from the seed alone, a step of its own after each of the engine's ({@link Dl4jFollower}:
 * its own initial draw, batches and dropout; nothing is compared step by step: that is {@link LockstepRun}'s job). Each side's time is measured on its own: the engine's covers
 * cutting the batch and its step, DL4J's the conversion of that batch and its fit.
 */
public final class TrainingRun {

    /**
     * What a progress display or a report needs after each step: {@code engineLoss} and {@code dl4jLoss}
     * are means over the epoch so far, {@code batchEngineLoss} and {@code batchDl4jLoss} this step's
     * batch-mean losses (DL4J's are NaN without DL4J).
     */
    public record Progress(int epoch, int epochs, int step, int steps, int examples, double engineLoss,
                           double dl4jLoss, double engineSeconds, double dl4jSeconds, double batchEngineLoss,
                           double batchDl4jLoss) {
        /** Training examples per second of a side within this epoch. */
        public double rate(double seconds) {
            return seconds > 0 ? examples / seconds : Double.NaN;
        }

        public boolean endOfEpoch() {
            return step == steps;
        }
    }

    /** Called after every step (and so also at the end of each epoch, when {@link Progress#endOfEpoch()}). */
    public interface Listener {
        void onStep(Progress progress);
    }

    /** Test examples are classified in chunks of this many rows. */
    static final int EVAL_CHUNK = 1000;

    private final RunSpec spec;
    private final TrainTestSplit data;
    private final EngineComponents components;
    private final boolean withDl4j;

    public TrainingRun(RunSpec spec, TrainTestSplit data, EngineComponents components, boolean withDl4j) {
        LockstepRun.checkDataFits(spec.network(), data.train());
        LockstepRun.checkDataFits(spec.network(), data.test());
        this.spec = spec;
        this.data = data;
        this.components = components;
        this.withDl4j = withDl4j;
    }

    public TrainingResult run(Listener listener) {
        DType dtype = spec.training().dataType();
        long seed = spec.training().seed();
        int batchSize = spec.training().batchSize();
        int epochs = spec.training().epochs();
        Dataset train = data.train();

        Network network = NetworkBuilder.build(spec.network(), dtype, seed, components);
        MiniBatchStep engineStep = new MiniBatchStep(network, components.optimizer(spec.network()));
        Dl4jFollower follower = withDl4j ? new Dl4jFollower(spec, train) : null;
        Dl4jTrainer dl4j = follower == null ? null : follower.trainer();

        int steps = EpochPlan.stepsPerEpoch(spec.training(), train.size());
        double[] engineLosses = new double[epochs];
        double[] dl4jLosses = new double[epochs];
        StepTimer timer = new StepTimer(follower, steps, epochs, engineLosses, dl4jLosses, listener);
        TrainingLoop loop = new TrainingLoop(engineStep, components.shuffler(seed), spec.training());
        timer.start();
        loop.run(train, epochs, timer);

        Dataset test = data.test();
        int classes = spec.network().outputSize();
        long t0 = System.nanoTime();
        int[] enginePredictions = Evaluation.predict(network, test, dtype, EVAL_CHUNK);
        double engineEval = seconds(System.nanoTime() - t0);
        TrainingResult.Side engine = side("engine", engineLosses, timer.engineTotal, engineEval, enginePredictions, test, classes);
        if (dl4j == null) {
            return new TrainingResult(spec, train.size(), test.size(), engine, null, Double.NaN);
        }
        t0 = System.nanoTime();
        int[] dl4jPredictions = predict(dl4j, test, dtype);
        double dl4jEval = seconds(System.nanoTime() - t0);
        int same = 0;
        for (int e = 0; e < test.size(); e++) {
            same += enginePredictions[e] == dl4jPredictions[e] ? 1 : 0;
        }
        return new TrainingResult(spec, train.size(), test.size(), engine,
                side("dl4j", dl4jLosses, timer.dl4jTotal, dl4jEval, dl4jPredictions, test, classes), (double) same / test.size());
    }

    private static int[] predict(Dl4jTrainer dl4j, Dataset test, DType dtype) {
        int[] predicted = new int[test.size()];
        for (int start = 0; start < test.size(); start += EVAL_CHUNK) {
            int rows = Math.min(EVAL_CHUNK, test.size() - start);
            int[] indices = new int[rows];
            for (int r = 0; r < rows; r++) {
                indices[r] = start + r;
            }
            Batch b = test.batch(indices, dtype);
            double[] out = dl4j.output(b.features().toDoubleArray(), rows);   // [rows, nOut]
            int classes = out.length / rows;
            for (int r = 0; r < rows; r++) {
                int best = 0;
                for (int c = 1; c < classes; c++) {
                    if (out[r * classes + c] > out[r * classes + best]) {
                        best = c;
                    }
                }
                predicted[start + r] = best;
            }
        }
        return predicted;
    }

    private static TrainingResult.Side side(String name, double[] losses, double trainSeconds, double evalSeconds,
                                            int[] predictions, Dataset test, int classes) {
        int[][] confusion = new int[classes][classes];
        for (int e = 0; e < test.size(); e++) {
            confusion[test.classOf(e)][predictions[e]]++;
        }
        return new TrainingResult.Side(name, losses, trainSeconds, evalSeconds, confusion);
    }

    static double seconds(long nanos) {
        return nanos / 1e9;
    }

    /**
     * The engine loop's step listener: feeds DL4J the batch, splits the wall time between the sides
     * (the engine's share is the time since the previous listener call returned), keeps the epoch's
     * loss sums and reports progress. The time spent reporting counts for neither side.
     */
    private static final class StepTimer implements TrainingLoop.StepListener {
        private final Dl4jFollower dl4j;
        private final int steps;
        private final int epochs;
        private final double[] engineLosses;
        private final double[] dl4jLosses;
        private final Listener listener;
        private long mark;
        private double engineEpoch;
        private double dl4jEpoch;
        double engineTotal;
        double dl4jTotal;
        private int examples;
        private double engineSum;
        private double dl4jSum;

        StepTimer(Dl4jFollower dl4j, int steps, int epochs, double[] engineLosses, double[] dl4jLosses, Listener listener) {
            this.dl4j = dl4j;
            this.steps = steps;
            this.epochs = epochs;
            this.engineLosses = engineLosses;
            this.dl4jLosses = dl4jLosses;
            this.listener = listener;
        }

        void start() {
            mark = System.nanoTime();
        }

        @Override
        public void afterStep(int epoch, int step, Batch batch, double loss) {
            long engineDone = System.nanoTime();
            double dl4jLoss = Double.NaN;
            if (dl4j != null) {
                dl4jLoss = dl4j.step(epoch, step);   // the same epoch and index, on the batch DL4J cut itself
            }
            long dl4jDone = System.nanoTime();
            if (step == 1) {
                engineEpoch = dl4jEpoch = 0;
                examples = 0;
                engineSum = dl4jSum = 0;
            }
            engineEpoch += seconds(engineDone - mark);
            dl4jEpoch += seconds(dl4jDone - engineDone);
            engineTotal += seconds(engineDone - mark);
            dl4jTotal += seconds(dl4jDone - engineDone);
            examples += batch.size();
            engineSum += loss * batch.size();
            dl4jSum += dl4jLoss * batch.size();
            if (step == steps) {
                engineLosses[epoch - 1] = engineSum / examples;
                dl4jLosses[epoch - 1] = dl4j == null ? Double.NaN : dl4jSum / examples;
            }
            listener.onStep(new Progress(epoch, epochs, step, steps, examples, engineSum / examples,
                    dl4j == null ? Double.NaN : dl4jSum / examples, engineEpoch, dl4jEpoch, loss, dl4jLoss));
            mark = System.nanoTime();
        }
    }
}
