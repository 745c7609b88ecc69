package lockstep.explore;

import lockstep.data.Batch;
import lockstep.data.Dataset;
import lockstep.data.EpochPlan;
import lockstep.dl4j.Dl4jValidation;
import lockstep.engine.EngineComponents;
import lockstep.engine.NetworkBuilder;
import lockstep.engine.train.EarlyStopping;
import lockstep.engine.train.MiniBatchStep;
import lockstep.engine.train.TrainingLoop;
import lockstep.engine.train.Validator;
import lockstep.harness.Dl4jFollower;
import lockstep.harness.EngineTrainer;
import lockstep.linalg.DType;
import lockstep.spec.NetworkSpec;
import lockstep.spec.RunSpec;
import lockstep.spec.TrainingSpec;

/**
 * Trains one cell on both sides, each from the spec's seed and nothing else (seed mode): the engine draws its
 * initial parameters, dropout and shuffle from the seed and runs its {@link TrainingLoop}; DL4J draws its own from
 * the same seed, cuts its own batches and takes its step of the same epoch and index right after the engine's, in the
 * loop's step listener ({@link Dl4jFollower}). Nothing passes between the sides, so their curves are two
 * independent runs (which the lockstep comparison proves equal step by step); at a large learning rate rounding
 * differences grow and they may part. After each epoch both score the validation examples.
 */
final class CellTrainer implements TrainingLoop.StepListener {
    private final EngineComponents components = new EngineComponents();
    private final MiniBatchStep engineStep;
    private final EngineTrainer engine;
    private final Dl4jFollower dl4j;
    private final Validator validator;
    private final double[] validationX;
    private final double[] validationY;
    private final int validationRows;
    private final TrainingSpec settings;
    private final NetworkSpec network;
    private final int stepsPerEpoch;
    private final Side engineSide;
    private final Side dl4jSide;
    private long mark;

    /** One side's records while the cell trains. */
    private static final class Side {
        final double[] stepLoss;
        final double[] epochLoss;
        final double[] validationLoss;
        double sum;
        int examples;
        long nanos;

        Side(int steps, int epochs) {
            stepLoss = new double[steps];
            epochLoss = new double[epochs];
            validationLoss = new double[epochs];
        }

        void step(int index, double loss, int batchSize) {
            stepLoss[index] = loss;
            sum += loss * batchSize;
            examples += batchSize;
        }

        void endEpoch(int epoch, double validation) {
            epochLoss[epoch - 1] = sum / examples;
            validationLoss[epoch - 1] = validation;
            sum = 0;
            examples = 0;
        }

        SideCurves curves(int stepsPerEpoch, EarlyStopping.Config stopping) {
            return new SideCurves(stepLoss, epochLoss, validationLoss,
                    SideCurves.firstNonFinite(stepLoss, validationLoss, stepsPerEpoch),
                    EarlyStoppingPick.of(validationLoss, stopping), nanos / 1e9);
        }
    }

    private CellTrainer(RunSpec spec, Dataset training, Dataset validation) {
        this.settings = spec.training();
        this.network = spec.network();
        DType dtype = settings.dataType();
        long seed = settings.seed();
        this.engineStep = new MiniBatchStep(NetworkBuilder.build(network, dtype, seed, components), components.optimizer(network));
        this.engine = new EngineTrainer(engineStep);
        this.dl4j = new Dl4jFollower(spec, training);
        this.validator = new Validator(network, dtype, components, validation);
        int[] all = new int[validation.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        Batch v = validation.batch(all, dtype, network.loss().labels());
        this.validationX = v.features().toDoubleArray();
        this.validationY = v.labels().toDoubleArray();
        this.validationRows = v.size();
        this.stepsPerEpoch = EpochPlan.stepsPerEpoch(settings, training.size());
        this.engineSide = new Side(stepsPerEpoch * settings.epochs(), settings.epochs());
        this.dl4jSide = new Side(stepsPerEpoch * settings.epochs(), settings.epochs());
    }

    /**
     * Trains the cell {@code spec} describes (its learning rate, batch size, shuffle and epochs) on {@code training},
     * validating on {@code validation} after every epoch.
     */
    static Cell train(RunSpec spec, Dataset training, Dataset validation, EarlyStopping.Config stopping) {
        CellTrainer t = new CellTrainer(spec, training, validation);
        t.mark = System.nanoTime();
        new TrainingLoop(t.engineStep, t.components.shuffler(spec.training().seed()), spec.training())
                .run(training, spec.training().epochs(), t);
        return new Cell(spec.network().updater().learningRate(), spec.training().batchSize(), spec.training().shuffle(),
                t.stepsPerEpoch, t.engineSide.curves(t.stepsPerEpoch, stopping), t.dl4jSide.curves(t.stepsPerEpoch, stopping));
    }

    @Override
    public void afterStep(int epoch, int step, Batch batch, double loss) {
        long engineDone = System.nanoTime();
        engineSide.nanos += engineDone - mark;
        int index = (epoch - 1) * stepsPerEpoch + step - 1;
        engineSide.step(index, loss, batch.size());
        double dl4jLoss = dl4j.step(epoch, step);
        long dl4jDone = System.nanoTime();
        dl4jSide.nanos += dl4jDone - engineDone;
        dl4jSide.step(index, dl4jLoss, batch.size());
        if (step == stepsPerEpoch) {
            engineSide.endEpoch(epoch, validator.evaluate(engine.parameters()).loss());
            long engineValidated = System.nanoTime();
            engineSide.nanos += engineValidated - dl4jDone;
            dl4jSide.endEpoch(epoch, Dl4jValidation.evaluate(dl4j.trainer(), validationX, validationY, validationRows).loss());
            dl4jSide.nanos += System.nanoTime() - engineValidated;
        }
        mark = System.nanoTime();
    }
}
