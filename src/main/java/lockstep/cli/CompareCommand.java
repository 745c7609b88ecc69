package lockstep.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import lockstep.LockstepException;
import lockstep.comparison.Tolerance;
import lockstep.comparison.TolerancePolicy;
import lockstep.data.Dataset;
import lockstep.data.Datasets;
import lockstep.data.EpochPlan;
import lockstep.engine.EngineComponents;
import lockstep.harness.InitSource;
import lockstep.harness.LockstepResult;
import lockstep.harness.LockstepRun;
import lockstep.report.CompareProgress;
import lockstep.report.CompareReport;
import lockstep.report.ParityReport;
import lockstep.report.ResultJson;
import lockstep.report.RunTrace;
import lockstep.report.SideBySideReport;
import lockstep.report.TerminalLine;
import lockstep.spec.EarlyStoppingSpec;
import lockstep.spec.RunSpec;
import lockstep.spec.SpecJson;
import lockstep.spec.SpecValidator;
import lockstep.spec.TrainingSpec;
import lockstep.spec.ValidationSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** {@code lockstep compare}: trains both sides in lockstep and prints the per-epoch comparison and a verdict. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Trains the engine and DL4J side by side, each drawing its initial",
                "parameters, batch order and dropout from the same seed, and compares",
                "them before the first step and loss, gradients, updates, parameters",
                "and updater state after every step.",
                "Without --spec: 4-16(tanh)-3(softmax) on Iris, MCXENT, Xavier uniform,",
                "SGD lr 0.1, batch 16, 30 epochs, seed 42, DOUBLE.",
                "Exit code: 0 PASS, 1 FAIL, 2 bad input, 3 internal error."})
final class CompareCommand implements Callable<Integer> {

    @Mixin
    TrainingOverrides overrides = new TrainingOverrides();

    static final int DEFAULT_PATIENCE = 5;
    static final double DEFAULT_VALIDATION_FRACTION = 0.2;

    @Option(names = "--spec", paramLabel = "FILE", description = "JSON run spec (network, training, dataset); see README.")
    Path spec;

    @Option(names = "--tolerance", paramLabel = "REL",
            description = "Override the step check's relative tolerance for loss and gradients (defaults: 1e-10 DOUBLE, 1e-2 FLOAT; the update rule keeps 1e-10 DOUBLE, 1e-5 FLOAT).")
    Double tolerance;

    @Option(names = "--floor", paramLabel = "F",
            description = "Override the step check's scale floor (defaults: 1e-3 DOUBLE, 1 FLOAT): an element smaller than F times its tensor's largest is judged relative to that.")
    Double floor;

    @Option(names = "--drift-tolerance", paramLabel = "REL",
            description = "Override the trajectory tolerance, relative to each tensor's largest element (defaults: 1e-6 DOUBLE; FLOAT: at most 16x DL4J's own FLOAT drift).")
    Double drift;

    @Option(names = "--init-from", paramLabel = "SIDE", converter = InitSourceConverter.class,
            description = {"Where the initial parameters come from: seed (default: each side draws its own from",
                    "--seed, DL4J with MultiLayerNetwork.init() and the engine with its reproduction of it,",
                    "compared bit for bit at step 0), or, for debugging one side with the other's weights,",
                    "engine or dl4j (that side's draw, copied exactly to the other)."})
    InitSource initFrom = InitSource.SEED;

    @Option(names = "--atol", paramLabel = "ABS",
            description = "Override the absolute tolerance: differences up to ABS count as none (defaults for loss and gradients: 5e-13 DOUBLE, 1e-5 FLOAT).")
    Double absolute;

    @Option(names = "--drift-window", paramLabel = "STEPS",
            description = "Re-synchronise the free-running engine with DL4J every STEPS steps (default 100; 0: never).")
    Integer driftWindow;

    @Option(names = "--json", description = "Print the result as JSON on stdout (verdict, tolerances, every epoch, the divergence) instead of the table.")
    boolean json;

    @Mixin
    ReportOptions report = new ReportOptions();

    @Option(names = "--drop-last",
            description = "Drop each epoch's last, partial batch (default: keep it, as DL4J's iterators do): floor(N/B) steps per epoch instead of ceil(N/B).")
    boolean dropLast;

    @Option(names = "--no-shuffle", description = "Visit the examples in dataset order every epoch, on both sides (default: a new seeded order every epoch).")
    boolean noShuffle;

    @Option(names = "--validation-fraction", paramLabel = "F",
            description = "Hold out a seeded fraction F of the dataset before training (disjoint from the training examples) and validate on it after every epoch, on both sides.")
    Double validationFraction;

    @Option(names = "--validation-csv", paramLabel = "FILE",
            description = "Validate on the examples of FILE (the dataset's CSV format) after every epoch, on both sides; the whole dataset trains.")
    String validationCsv;

    @Option(names = "--early-stopping",
            description = "Stop on the validation loss: the engine's early stopping next to DL4J's EarlyStoppingTrainer"
                    + " (same batches, same validation data; validation: 20%% held out unless given); --epochs is then"
                    + " the maximum. Compares the validation score per epoch, the best epoch, why and when training"
                    + " stopped, and the restored parameters.")
    boolean earlyStopping;

    @Option(names = "--patience", paramLabel = "P", description = "Early stopping: stop after P epochs without an improvement of more than --min-delta (default 5).")
    Integer patience;

    @Option(names = "--min-delta", paramLabel = "D", description = "Early stopping: the smallest decrease of the validation loss that resets the patience (default 0).")
    Double minDelta;

    @Option(names = "--evaluate-every", paramLabel = "N",
            description = "Early stopping: validation loss after epochs 1, 1+N, 1+2N, ... only (DL4J's evaluateEveryNEpochs; default 1).")
    Integer evaluateEvery;

    @Mixin
    EngineOptions engines = new EngineOptions();

    @Option(names = "--also-builtin",
            description = {"With --engine CMD or --engine-class: also run lockstep's own matrix engine against DL4J",
                    "on the same run and show it beside yours (the verdict and exit code stay your engine's)."})
    boolean alsoBuiltin;

    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() {
        RunSpec run = SpecValidator.validate(overridden(spec == null ? RunSpec.irisDefault() : SpecJson.read(spec)));
        TolerancePolicy tol = TolerancePolicy.defaultFor(run.training().dataType());
        for (Double v : new Double[] {tolerance, floor, absolute, drift}) {
            if (v != null && !(v >= 0)) {
                throw new LockstepException("tolerances must be numbers >= 0, got " + v);
            }
        }
        if (tolerance != null || floor != null || absolute != null) {
            tol = tol.withStep(new Tolerance(tolerance != null ? tolerance : tol.step().relative(),
                    floor != null ? floor : tol.step().floor(), absolute != null ? absolute : tol.step().absolute()));
        }
        if (driftWindow != null) {
            if (driftWindow < 0) {
                throw new LockstepException("--drift-window: must be >= 0, got " + driftWindow);
            }
            tol = tol.withDriftWindow(driftWindow);
        }
        if (drift != null) {
            tol = tol.withTrajectory(new Tolerance(drift, tol.trajectory().floor(), tol.trajectory().absolute()));
        }
        TolerancePolicy policy = tol;
        return engines.using(choice -> {
            if (alsoBuiltin && choice.isLockstepOwn()) {
                throw new LockstepException("--also-builtin: needs an engine of yours (--engine CMD or --engine-class)");
            }
            return compare(run, policy, choice);
        });
    }

    private int compare(RunSpec run, TolerancePolicy tol, EngineChoice choice) {
        Path benchmarks = report.benchmarks();
        ParityReport console = new ParityReport(json ? new java.io.PrintStream(java.io.OutputStream.nullOutputStream()) : System.out);
        Dataset data = Datasets.load(run.data());
        LockstepRun lockstep = new LockstepRun(run, data, new EngineComponents(), tol, initFrom)
                .withEngine(choice.factory(run));
        console.header(run, initFrom, (choice.isDefault() ? "" : "engine: " + choice.describe() + "\n")
                + lockstep.describePlan());
        LockstepRun.Listener shown = console;
        if (!json && TerminalLine.stderrIsTerminal()) {
            shown = new CompareProgress(new TerminalLine(System.err), run.training().epochs(), EpochPlan.stepsPerEpoch(
                    lockstep.trainingData().size(), run.training().batchSize(), run.training().dropLast()), console);
        }
        RunTrace trace = new RunTrace(shown);
        LockstepResult result = lockstep.run(trace);
        console.verdict(result);
        LockstepResult builtin = null;
        if (alsoBuiltin) {
            builtin = new LockstepRun(run, data, new EngineComponents(), tol, initFrom).run(e -> { });
            if (!json) {
                new SideBySideReport(System.out).print(result, builtin);
            }
        }
        report.write(json, dir -> CompareReport.write(dir, result, trace, choice.describe(), benchmarks));
        if (json) {
            System.out.println(builtin == null ? ResultJson.of(result, choice.describe())
                    : ResultJson.of(result, choice.describe(), builtin));
        }
        return result.passed() ? Main.EXIT_PASS : Main.EXIT_FAIL;
    }

    /** engine or dl4j, in any case. */
    static final class InitSourceConverter implements ITypeConverter<InitSource> {
        @Override
        public InitSource convert(String value) {
            for (InitSource s : InitSource.values()) {
                if (s.name().equalsIgnoreCase(value)) {
                    return s;
                }
            }
            throw new TypeConversionException("expected seed, engine or dl4j, got '" + value + "'");
        }
    }

    private RunSpec overridden(RunSpec base) {
        TrainingSpec t = overrides.apply(base.training());
        if (dropLast) {
            t = t.withDropLast(true);
        }
        if (noShuffle) {
            t = t.withShuffle(false);
        }
        if (validationFraction != null && validationCsv != null) {
            throw new LockstepException("--validation-fraction and --validation-csv exclude each other");
        }
        if (validationFraction != null) {
            t = t.withValidation(ValidationSpec.fraction(validationFraction));
        }
        if (validationCsv != null) {
            t = t.withValidation(ValidationSpec.csv(validationCsv));
        }
        EarlyStoppingSpec es = t.earlyStopping();
        if (es == null && (patience != null || minDelta != null || evaluateEvery != null) && !earlyStopping) {
            throw new LockstepException("--patience, --min-delta and --evaluate-every need --early-stopping (or an"
                    + " \"earlyStopping\" object in the spec's training)");
        }
        if (earlyStopping || es != null) {
            EarlyStoppingSpec given = es != null ? es : new EarlyStoppingSpec(DEFAULT_PATIENCE, 0.0, 1);
            t = t.withEarlyStopping(new EarlyStoppingSpec(patience != null ? patience : given.patience(),
                    minDelta != null ? minDelta : given.minDelta(), evaluateEvery != null ? evaluateEvery : given.evaluateEvery()));
            if (t.validation() == null) {
                t = t.withValidation(ValidationSpec.fraction(DEFAULT_VALIDATION_FRACTION));
            }
        }
        return base.withTraining(t);
    }
}
