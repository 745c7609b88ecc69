package lockstep.harness;

import java.util.ArrayList;
import java.util.List;
import lockstep.LockstepException;
import lockstep.data.Batch;
import lockstep.data.Dataset;
import lockstep.data.EpochPlan;
import lockstep.data.TrainTestSplit;
import lockstep.data.ValidationSplit;
import lockstep.dl4j.Dl4jStoppingRule;
import lockstep.dl4j.Dl4jTrainer;
import lockstep.engine.EngineComponents;
import lockstep.engine.Network;
import lockstep.engine.NetworkBuilder;
import lockstep.engine.train.EarlyStopping;
import lockstep.engine.train.Evaluation;
import lockstep.engine.train.MiniBatchStep;
import lockstep.engine.train.TrainingLoop;
import lockstep.engine.train.ValidatedStopping;
import lockstep.linalg.DType;
import lockstep.spec.EarlyStoppingSpec;
import lockstep.spec.RunSpec;

/**
 * Plain training, as {@code lockstep train} does it: the engine's {@link TrainingLoop} over the
 * training examples (less the validation examples the spec holds out) for the spec's epochs, or until early stopping
 * stops it and restores the best parameters, then test accuracy on the test examples. With DL4J as
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
    private final ValidationSplit split;

    /** Refuses data that does not fit the network, and early stopping without validation data. */
    public TrainingRun(RunSpec spec, TrainTestSplit data, EngineComponents components, boolean withDl4j) {
        LockstepRun.checkDataFits(spec.network(), data.train());
        LockstepRun.checkDataFits(spec.network(), data.test());
        this.spec = spec;
        this.data = data;
        this.components = components;
        this.withDl4j = withDl4j;
        this.split = ValidationSplit.of(data.train(), spec.data(), spec.training().validation(), spec.training().seed());
        if (split.validation() != null) {
            LockstepRun.checkDataFits(spec.network(), split.validation());
        }
        if (spec.training().earlyStopping() != null && split.validation() == null) {
            throw new LockstepException("training.earlyStopping: needs validation data (training.validation)");
        }
    }

    /** The examples trained on (the training data less the validation examples). */
    public int trainingExamples() {
        return split.training().size();
    }

    /** The examples held out for validation and early stopping (0 without). */
    public int validationExamples() {
        return split.validation() == null ? 0 : split.validation().size();
    }

    public TrainingResult run(Listener listener) {
        DType dtype = spec.training().dataType();
        long seed = spec.training().seed();
        int epochs = spec.training().epochs();
        Dataset train = split.training();
        EarlyStoppingSpec es = spec.training().earlyStopping();

        Network network = NetworkBuilder.build(spec.network(), dtype, seed, components);
        MiniBatchStep engineStep = new MiniBatchStep(network, components.optimizer(spec.network()));
        Dl4jFollower follower = withDl4j ? new Dl4jFollower(spec, train) : null;
        Dl4jTrainer dl4j = follower == null ? null : follower.trainer();
        Stopping stopping = es == null ? null : new Stopping(
                new ValidatedStopping(network, spec.network(), dtype, components, split.validation(), es, epochs),
                dl4j == null ? null : new Dl4jStoppingRule(dl4j, split.validation().all(dtype, spec.network().loss().labels()), es.patience(), es.minDelta(), epochs, es.evaluateEvery()));

        int steps = EpochPlan.stepsPerEpoch(spec.training(), train.size());
        StepTimer timer = new StepTimer(follower, steps, epochs, stopping, listener);
        TrainingLoop loop = new TrainingLoop(engineStep, components.shuffler(seed), spec.training());
        timer.start();
        // with early stopping each side stops on its own rule (and the loop when both have); without, every epoch
        loop.run(train, es == null ? epochs : Integer.MAX_VALUE, timer, stopping == null ? TrainingLoop.ALL_EPOCHS : stopping);
        if (stopping != null) {
            stopping.restoreBest();
        }

        Dataset test = data.test();
        int classes = spec.network().outputSize();
        long t0 = System.nanoTime();
        int[] enginePredictions = Evaluation.predict(network, test, dtype, EVAL_CHUNK);
        double engineEval = seconds(System.nanoTime() - t0);
        TrainingResult.Side engine = side("engine", timer.engineLosses, timer.engineTotal, engineEval, enginePredictions, test,
                classes, stopping == null ? null : stopping.engineOutcome());
        int validationExamples = validationExamples();
        if (dl4j == null) {
            return new TrainingResult(spec, train.size(), validationExamples, test.size(), engine, null, Double.NaN);
        }
        t0 = System.nanoTime();
        int[] dl4jPredictions = predict(dl4j, test, dtype);
        double dl4jEval = seconds(System.nanoTime() - t0);
        int same = 0;
        for (int e = 0; e < test.size(); e++) {
            same += enginePredictions[e] == dl4jPredictions[e] ? 1 : 0;
        }
        return new TrainingResult(spec, train.size(), validationExamples, test.size(), engine,
                side("dl4j", timer.dl4jLosses, timer.dl4jTotal, dl4jEval, dl4jPredictions, test, classes,
                        stopping == null ? null : stopping.dl4jOutcome()),
                (double) same / test.size());
    }

    /**
     * Early stopping on both sides, each by its own rule: the engine's {@link ValidatedStopping}, DL4J's own termination
     * conditions ({@link Dl4jStoppingRule}). A side that has stopped takes no more steps that count: DL4J takes none, the
     * engine's loop goes on for DL4J's sake but its time and losses are no longer recorded, and both sides end with the
     * best parameters their rule kept. The loop stops when both have.
     */
    private static final class Stopping implements TrainingLoop.EpochEnd {
        private final ValidatedStopping engine;
        private final Dl4jStoppingRule dl4j;

        Stopping(ValidatedStopping engine, Dl4jStoppingRule dl4j) {
            this.engine = engine;
            this.dl4j = dl4j;
        }

        boolean engineStopped() {
            return engine.rule().stopped();
        }

        boolean dl4jStopped() {
            return dl4j == null || dl4j.stopped();
        }

        @Override
        public boolean goOn(int epoch) {
            if (!engineStopped()) {
                engine.goOn(epoch);
            }
            if (!dl4jStopped()) {
                dl4j.afterEpoch(epoch);
            }
            return !(engineStopped() && dl4jStopped());
        }

        void restoreBest() {
            engine.restoreBest();
            if (dl4j != null) {
                dl4j.restoreBest();
            }
        }

        TrainingResult.Stop engineOutcome() {
            EarlyStopping r = engine.rule();
            return new TrainingResult.Stop(r.stoppedAfter(), r.bestEpoch(), r.describeReason());
        }

        TrainingResult.Stop dl4jOutcome() {
            return new TrainingResult.Stop(dl4j.stoppedAfter(), dl4j.bestEpoch(), dl4j.reason());
        }
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

    private static TrainingResult.Side side(String name, List<Double> losses, double trainSeconds, double evalSeconds,
                                            int[] predictions, Dataset test, int classes, TrainingResult.Stop stop) {
        int[][] confusion = new int[classes][classes];
        for (int e = 0; e < test.size(); e++) {
            confusion[test.classOf(e)][predictions[e]]++;
        }
        return new TrainingResult.Side(name, losses.stream().mapToDouble(Double::doubleValue).toArray(), trainSeconds,
                evalSeconds, confusion, stop);
    }

    static double seconds(long nanos) {
        return nanos / 1e9;
    }

    /**
     * The engine loop's step listener: feeds DL4J the batch, splits the wall time between the sides
     * (the engine's share is the time since the previous listener call returned), keeps the epoch's
     * loss sums and reports progress. The time spent reporting counts for neither side, nor does a side's after it
     * stopped early.
     */
    private static final class StepTimer implements TrainingLoop.StepListener {
        private final Dl4jFollower dl4j;
        private final int steps;
        private final int epochs;
        private final Stopping stopping;
        private final Listener listener;
        final List<Double> engineLosses = new ArrayList<>();
        final List<Double> dl4jLosses = new ArrayList<>();
        private long mark;
        private double engineEpoch;
        private double dl4jEpoch;
        double engineTotal;
        double dl4jTotal;
        private int examples;
        private double engineSum;
        private double dl4jSum;

        StepTimer(Dl4jFollower dl4j, int steps, int epochs, Stopping stopping, Listener listener) {
            this.dl4j = dl4j;
            this.steps = steps;
            this.epochs = epochs;
            this.stopping = stopping;
            this.listener = listener;
        }

        void start() {
            mark = System.nanoTime();
        }

        @Override
        public void afterStep(int epoch, int step, Batch batch, double loss) {
            long engineDone = System.nanoTime();
            boolean engineOn = stopping == null || !stopping.engineStopped();
            boolean dl4jOn = dl4j != null && (stopping == null || !stopping.dl4jStopped());
            double dl4jLoss = Double.NaN;
            if (dl4jOn) {
                dl4jLoss = dl4j.step(epoch, step);   // the same epoch and index, on the batch DL4J cut itself
            }
            long dl4jDone = System.nanoTime();
            if (step == 1) {
                engineEpoch = dl4jEpoch = 0;
                examples = 0;
                engineSum = dl4jSum = 0;
            }
            double engineSeconds = engineOn ? seconds(engineDone - mark) : 0;
            engineEpoch += engineSeconds;
            engineTotal += engineSeconds;
            dl4jEpoch += seconds(dl4jDone - engineDone);
            dl4jTotal += seconds(dl4jDone - engineDone);
            examples += batch.size();
            engineSum += engineOn ? loss * batch.size() : Double.NaN;
            dl4jSum += dl4jLoss * batch.size();
            if (step == steps) {
                if (engineOn) {
                    engineLosses.add(engineSum / examples);
                }
                if (dl4jOn) {
                    dl4jLosses.add(dl4jSum / examples);
                }
            }
            listener.onStep(new Progress(epoch, Math.max(epochs, epoch), step, steps, examples, engineSum / examples,
                    dl4jOn ? dl4jSum / examples : Double.NaN, engineEpoch, dl4jEpoch, loss, dl4jLoss));
            mark = System.nanoTime();
        }
    }
}
