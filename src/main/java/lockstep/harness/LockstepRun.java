package lockstep.harness;

import java.util.List;
import java.util.Map;
import lockstep.LockstepException;
import lockstep.comparison.Check;
import lockstep.comparison.Divergence;
import lockstep.comparison.ShadowComparison;
import lockstep.comparison.StepComparison;
import lockstep.comparison.StepSnapshot;
import lockstep.comparison.TolerancePolicy;
import lockstep.data.Batch;
import lockstep.data.Dataset;
import lockstep.data.Datasets;
import lockstep.data.EpochLoop;
import lockstep.data.EpochPlan;
import lockstep.data.ValidationSplit;
import lockstep.dl4j.Dl4jEarlyStopping;
import lockstep.dl4j.Dl4jEpochOrder;
import lockstep.dl4j.Dl4jTrainer;
import lockstep.engine.EngineComponents;
import lockstep.engine.train.EarlyStopping;
import lockstep.linalg.DType;
import lockstep.spec.EarlyStoppingSpec;
import lockstep.spec.LabelEncoding;
import lockstep.spec.NetworkSpec;
import lockstep.spec.RunSpec;
import lockstep.spec.ValidationSpec;

/**
 * Trains the engine and DL4J side by side and compares them after every step, twice: an engine re-anchored to
 * DL4J's parameters before each step is held to the tight {@link Check#STEP} tolerance (its loss and gradients
 * against DL4J's, its update rule against DL4J's rule applied to the engine's own gradient, by a second DL4J network
 * re-anchored the same way), and a free-running engine to the {@link Check#TRAJECTORY} tolerance. Each side
 * decides its own data order from the seed: DL4J shuffles and cuts with its own API ({@link Dl4jEpochOrder}),
 * the engine with its shuffler, and the harness compares each epoch's two orders before its first step.
 * Each side also draws its own initial parameters (unless {@link InitSource} says to copy one side's) and
 * its own dropout masks. Step 0 compares the starting states. The run stops at the first divergence.
 */
public final class LockstepRun {

    /** Sees each epoch as it completes (including a partial epoch that ended in a divergence). */
    public interface Listener {
        void onEpoch(EpochSummary summary);

        /** The parameters both sides start from, before the first step. */
        default void onStart(Map<String, double[]> initialParameters) {
        }

        /** After every compared step: the free-running engine's and DL4J's snapshots and both checks. */
        default void onStep(StepRecord step) {
        }
    }

    /**
     * One compared step, for listeners that keep per-step traces (reports, plots): the free-running and the anchored
     * engine's snapshots, DL4J's, and the checks.
     */
    public record StepRecord(int epoch, int step, int globalStep, StepSnapshot freeEngine, StepSnapshot anchoredEngine,
                             StepSnapshot dl4j, StepComparison stepCheck, StepComparison trajectory, ShadowComparison shadow) {
    }

    private final RunSpec spec;
    private final Dataset data;
    private final Dataset validationData;
    private final EngineComponents components;
    private final TolerancePolicy tolerance;
    private final InitSource initSource;
    private EngineFactory engines = EngineFactory.MATRIX;

    public LockstepRun(RunSpec spec, Dataset data, EngineComponents components, TolerancePolicy tolerance) {
        this(spec, data, components, tolerance, InitSource.SEED);
    }

    /** A run whose initial parameters come from {@code initSource}: each side's own draw, or one side's copied to the other. */
    public LockstepRun(RunSpec spec, Dataset data, EngineComponents components, TolerancePolicy tolerance,
                       InitSource initSource) {
        checkDataFits(spec.network(), data);
        if (spec.training().earlyStopping() != null && spec.training().validation() == null) {
            throw new LockstepException("training.earlyStopping: needs validation data (training.validation)");
        }
        ValidationSplit split = ValidationSplit.of(data, spec.data(), spec.training().validation(), spec.training().seed());
        if (split.validation() != null) {
            checkDataFits(spec.network(), split.validation());
        }
        this.spec = spec;
        this.data = split.training();
        this.validationData = split.validation();
        if (spec.training().dropLast() && this.data.size() < spec.training().batchSize()) {
            throw new LockstepException("training.dropLast: batch size " + spec.training().batchSize() + " is larger than the "
                    + this.data.size() + " training examples, so every epoch would be empty");
        }
        if (initSource == InitSource.SEED) {
            lockstep.rand.Nd4jDistributions.requireExact("--init-from seed (or use --init-from engine)");
        }
        this.components = components;
        this.tolerance = tolerance;
        this.initSource = initSource;
    }

    /** A run on the dataset the spec names, with the standard engine and the default tolerance of its data type. */
    public static LockstepRun of(RunSpec spec) {
        return new LockstepRun(spec, Datasets.load(spec.data()), new EngineComponents(),
                TolerancePolicy.defaultFor(spec.training().dataType()));
    }

    /** Throws a clear error when the data's feature or class count does not match the network. */
    public static void checkDataFits(NetworkSpec net, Dataset data) {
        if (data.featureCount() != net.inputSize()) {
            throw new LockstepException("dataset " + data.name() + " has " + data.featureCount()
                    + " features but network.layers[0] has nIn=" + net.inputSize());
        }
        if (data.classCount() != net.outputSize()) {
            throw new LockstepException("dataset " + data.name() + " has " + data.classCount()
                    + " classes but the output layer (network.layers[" + (net.layers().size() - 1) + "]) has nOut="
                    + net.outputSize());
        }
    }

    public LockstepResult run(Listener listener) {
        DType dtype = spec.training().dataType();
        long seed = spec.training().seed();
        Map<String, int[]> shapes = spec.network().parameterLayout().shapes();   // from the spec, not from either side
        RunSides sides = RunSides.of(spec.network(), dtype, seed, tolerance, () -> newEngine(dtype, seed), shapes);
        checkShapes("the engine", sides.free().parameterShapes(), shapes);
        checkShapes("DL4J", sides.dl4j().parameterShapes(), shapes);
        ValidationCheck validation = validationData == null ? null
                : new ValidationCheck(spec, components, validationData, sides.dl4jNetwork(), tolerance);
        Map<String, double[]> initialParameters = shareInitialParameters(initSource, sides.free(), sides.dl4j());
        listener.onStart(initialParameters);
        EarlyStopping stopping = earlyStopping(spec);

        Map<String, double[]> dl4jParameters = sides.dl4j().parameters();
        Map<String, double[]> dl4jState = sides.dl4j().updaterState();
        Divergence initial = StepComparison.ofStartingState(sides.free().parameters(), dl4jParameters,
                sides.free().updaterState(), dl4jState, shapes).divergence();
        if (initial != null) {
            return new LockstepResult(spec, tolerance, List.of(), 0, shapes.size(), initial);
        }
        if (sides.floatDrift() != null) {
            sides.floatDrift().synchronise(dl4jParameters, dl4jState);
        }
        EpochLoop.Plan enginePlan = EpochLoop.plan(spec.training(), components.shuffler(seed), data.size());
        Dl4jEpochOrder dl4jOrder = new Dl4jEpochOrder(data.size(), seed, spec.training().shuffle());
        LockstepSteps steps = new LockstepSteps(spec, tolerance, data, enginePlan, sides, shapes, validation, stopping,
                listener, dl4jParameters, dl4jState);
        EpochLoop.run(epoch -> dl4jOrder.nextEpoch(spec.training().batchSize(), spec.training().dropLast()),
                stopping != null ? Integer.MAX_VALUE : spec.training().epochs(), steps);
        if (steps.divergence != null || stopping == null) {
            return new LockstepResult(spec, tolerance, steps.epochs, steps.stepsDone, shapes.size(), steps.divergence);
        }
        sides.free().setParameters(stopping.bestParameters());            // the engine keeps its best model
        Dl4jEarlyStopping.Outcome d = dl4jEarlyStopping(initialParameters, validation.examples());
        return new LockstepResult(spec, tolerance, steps.epochs, steps.stepsDone, shapes.size(), null,
                EarlyStoppingComparison.of(stopping, steps.anchoredScores, steps.dl4jAtBest, d, tolerance));
    }

    /** Throws naming the first parameter whose shape on {@code side} is not the network spec's. */
    static void checkShapes(String side, Map<String, int[]> actual, Map<String, int[]> expected) {
        if (!actual.keySet().equals(expected.keySet())) {
            throw new LockstepException(side + " has parameters " + actual.keySet() + " but the network spec gives "
                    + expected.keySet());
        }
        expected.forEach((name, shape) -> {
            if (!java.util.Arrays.equals(shape, actual.get(name))) {
                throw new LockstepException(side + ": parameter " + name + " has shape " + java.util.Arrays.toString(actual.get(name))
                        + " but the network spec gives " + java.util.Arrays.toString(shape));
            }
        });
    }

    /**
     * The DOUBLE reference of a FLOAT update rule: a DOUBLE network whose updaters take the FLOAT hyperparameters
     * (0.999f, not 0.999), so that applied to a FLOAT gradient its update is what the FLOAT rule computes, unrounded.
     */
    static Dl4jTrainer ruleReference(NetworkSpec network, long seed) {
        return new Dl4jTrainer(network.withUpdatersRoundedToFloat(), DType.DOUBLE, seed);
    }

    /**
     * DL4J's update rule applied to {@code gradients}: {@code rule} re-anchored to DL4J's parameters and updater state
     * before the step, then stepped on the batch with its gradient replaced. Modifies {@code rule}.
     */
    static StepSnapshot ruleStep(Dl4jSideTrainer rule, Map<String, double[]> parameters, Map<String, double[]> state,
                                         Batch batch, Map<String, double[]> gradients) {
        rule.setParameters(parameters);
        rule.setUpdaterState(state);
        return rule.stepWithGradient(batch, gradients);
    }

    /** The engine's early stopping for the spec (at most {@code epochs} epochs), or null without. */
    static EarlyStopping earlyStopping(RunSpec spec) {
        EarlyStoppingSpec es = spec.training().earlyStopping();
        return es == null ? null
                : new EarlyStopping(new EarlyStopping.Config(es.patience(), es.minDelta(), spec.training().epochs(), es.evaluateEvery()));
    }

    /** DL4J's EarlyStoppingTrainer from the same initial parameters, on DL4J's batches of the run, scoring the same validation examples. */
    private Dl4jEarlyStopping.Outcome dl4jEarlyStopping(Map<String, double[]> initialParameters, Batch validationBatch) {
        DType dtype = spec.training().dataType();
        int batchSize = spec.training().batchSize();
        boolean dropLast = spec.training().dropLast();
        LabelEncoding labels = spec.network().loss().labels();
        Dl4jEpochOrder order = new Dl4jEpochOrder(data.size(), spec.training().seed(), spec.training().shuffle());
        EarlyStoppingSpec es = spec.training().earlyStopping();
        return Dl4jEarlyStopping.run(spec.network(), dtype, spec.training().seed(), null, initialParameters,
                epoch -> order.nextEpoch(batchSize, dropLast).stream()
                        .map(indices -> data.batch(indices, dtype, labels)).toList(),
                validationBatch, es.patience(), es.minDelta(), spec.training().epochs(), es.evaluateEvery());
    }

    /**
     * The data plan in one line, e.g. {@code training: 150 examples, batch 16: 10 steps per epoch (9 of 16, the last
     * of 6), shuffled every epoch}.
     */
    public String describePlan() {
        long seed = spec.training().seed();
        String start = switch (initSource) {
            case SEED -> "start: each side draws its initial parameters" + (hasDropout() ? " and dropout masks" : "")
                    + " from seed " + seed + "; step 0 compares them bit for bit";
            case ENGINE -> "start: the engine's initial parameters (seed " + seed + "), copied into DL4J";
            case DL4J -> "start: DL4J's initial parameters (seed " + seed + "), copied into the engine";
        };
        String plan = start + "\ntraining: " + EpochPlan.describe(data.size(), spec.training().batchSize(), spec.training().dropLast())
                + (spec.training().shuffle() ? ", each side shuffling every epoch (DataSet.shuffle(seed + epoch))"
                        : ", in dataset order every epoch (no shuffle)");
        if (validationData == null) {
            return plan;
        }
        ValidationSpec v = spec.training().validation();
        return plan + "\nvalidation: " + validationData.size() + " examples, " + (v.isSplit()
                ? "held out of the " + (data.size() + validationData.size()) + " before training (fraction " + v.fraction()
                        + ", seed " + spec.training().seed() + "), disjoint from the training examples"
                : "from " + v.csv()) + "; loss and accuracy after every epoch, without training or dropout";
    }

    /**
     * Of the step check's and the shadow check's divergences at one step, the one at the earlier quantity (loss before
     * gradient before update ...), the step check's on a tie: what went wrong first in the step. Null when neither.
     */
    static Divergence firstOf(Divergence step, Divergence shadow) {
        if (step == null || shadow == null) {
            return step != null ? step : shadow;
        }
        return shadow.quantity().ordinal() < step.quantity().ordinal() ? shadow : step;
    }

    private boolean hasDropout() {
        return spec.network().layers().stream().anyMatch(l -> l.dropout() != null);
    }

    /** The validation examples, or null without validation. */
    public Dataset validationData() {
        return validationData;
    }

    /** The training examples: DL4J's batches of an epoch (1-based) are these examples' indices cut by {@link EpochPlan}. */
    public Dataset trainingData() {
        return data;
    }

    /**
     * Copies the initial parameters of the side {@code source} names into the other side (in seed mode none: each
     * side keeps its own draw); returns DL4J's.
     */
    static Map<String, double[]> shareInitialParameters(InitSource source, Trainer engine, Trainer dl4j) {
        if (source == InitSource.SEED) {
            return dl4j.parameters();
        }
        Trainer from = source == InitSource.DL4J ? dl4j : engine;
        Trainer to = source == InitSource.DL4J ? engine : dl4j;
        Map<String, double[]> start = from.parameters();
        to.setParameters(start);
        return start;
    }

    /** Runs the engine {@code factory} builds (e.g. {@link AutogradTrainer#FACTORY}) instead of the matrix engine. Returns this. */
    public LockstepRun withEngine(EngineFactory factory) {
        this.engines = factory;
        return this;
    }

    private Trainer newEngine(DType dtype, long seed) {
        return engines.create(spec.network(), dtype, seed, components);
    }

}
