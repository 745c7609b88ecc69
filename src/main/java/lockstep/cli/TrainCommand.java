package lockstep.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import lockstep.LockstepException;
import lockstep.data.Datasets;
import lockstep.data.TrainTestSplit;
import lockstep.dl4j.Nd4jRuntime;
import lockstep.engine.EngineComponents;
import lockstep.harness.TrainingResult;
import lockstep.harness.TrainingRun;
import lockstep.report.JsonText;
import lockstep.report.ProgressLine;
import lockstep.report.TerminalLine;
import lockstep.report.TrainReport;
import lockstep.report.TrainTrace;
import lockstep.spec.DataSpec;
import lockstep.spec.RunSpec;
import lockstep.spec.SpecJson;
import lockstep.spec.SpecValidator;
import lockstep.spec.TrainingSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lockstep train}: trains the engine (and with --both DL4J, from the same seed) and reports test accuracy and time. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Trains the engine on the training examples, then prints its accuracy",
                "on the test examples and the time it took; with --both, DL4J too, from",
                "the same seed (its own initial draw and mini-batches). Test examples:",
                "Fashion-MNIST's test split, or a seeded 80/20 hold-out of Iris or CSV data.",
                "Progress goes to stderr. Without --spec: the Iris default network.",
                "Exit code: 0 done, 2 bad input, 3 internal error."})
final class TrainCommand implements Callable<Integer> {

    @Mixin
    TrainingOverrides overrides = new TrainingOverrides();

    @Option(names = "--spec", paramLabel = "FILE", description = "JSON run spec (network, training, dataset); see README.")
    Path spec;

    @Option(names = "--dataset", paramLabel = "NAME", description = "Override the dataset: iris or fashion-mnist.")
    String dataset;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where Fashion-MNIST's IDX files are (default /usr/share/datasets/fashion-mnist).")
    Path dataDir;

    @Option(names = "--limit", paramLabel = "N", description = "Fashion-MNIST: train on the first N training examples only.")
    Integer limit;

    @Option(names = "--test-limit", paramLabel = "N", description = "Fashion-MNIST: test on the first N test examples only.")
    Integer testLimit;

    @Option(names = "--data", paramLabel = "FILE", description = "Override the dataset: a headerless CSV of numbers (needs --label-column).")
    Path dataFile;

    @Option(names = "--label-column", paramLabel = "K", description = "With --data: the 0-based column holding the class index.")
    Integer labelColumn;

    @Option(names = "--classes", paramLabel = "N", description = "With --data: the number of classes (default: the output layer's nOut).")
    Integer classes;

    @Option(names = "--both", description = "Train DL4J as well, from the seed alone: its own initial draw and batches.")
    boolean both;

    @Option(names = "--threads", paramLabel = "N",
            description = {"Threads per side: the engine's matrix products and, with --both, DL4J's (ND4J's and",
                    "OpenBLAS's), the same on both (default 1: the sides take turns step by step, and on 2",
                    "cores each side's spinning helpers slowed the other; see docs/training-on-real-data.md)."})
    int threads = 1;

    @Option(names = "--json", description = "Print a JSON summary on stdout instead of the table.")
    boolean json;

    @Mixin
    ReportOptions report = new ReportOptions();

    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() {
        RunSpec base = spec == null ? RunSpec.irisDefault() : SpecJson.read(spec);
        RunSpec run = SpecValidator.validate(new RunSpec(data(base), base.network(), training(base.training())));
        Path benchmarks = report.benchmarks();
        int n = threads;
        if (n < 1) {
            throw new LockstepException("--threads: must be at least 1, got " + n);
        }
        TrainTestSplit split = Datasets.trainTest(run.data(), run.training().seed());
        int dl4jThreads = Nd4jRuntime.threadCount();
        if (both) {
            Nd4jRuntime.setThreads(n);   // DL4J gets what the engine gets, for this run only
        }
        try {
            return train(run, split, n, benchmarks);
        } finally {
            if (both) {
                Nd4jRuntime.setThreads(dl4jThreads);
            }
        }
    }

    private int train(RunSpec run, TrainTestSplit split, int n, Path benchmarks) {
        TrainingRun training;
        try {
            training = new TrainingRun(run, split, EngineComponents.withThreads(n), both);
        } catch (LockstepException e) {
            throw spec != null ? e : new LockstepException(e.getMessage()
                    + " (without --spec the network is the Iris default; pass --spec, e.g. examples/fashion-mnist-mlp.json)");
        }
        if (!json) {
            System.out.println("lockstep train  " + run.describe());
            System.out.println(training.trainingExamples() + " training examples" + heldOut(training, run) + ", "
                    + split.test().size() + " test examples ("
                    + testSource(run.data()) + "); threads: engine " + n + (both ? ", dl4j " + n : ""));
            if (both && Nd4jRuntime.opThreads() != n) {
                System.out.println("(DL4J's own element-wise ops run on " + Nd4jRuntime.opThreads() + ": ND4J fixes that"
                        + " at start from OMP_NUM_THREADS; ./lockstep train sets it to --threads)");
            }
            System.out.flush();
        }
        TrainTrace trace = new TrainTrace(new ProgressLine(System.err, TerminalLine.stderrIsTerminal()));
        TrainingResult result = training.run(trace);
        System.out.print(json ? json(result, run, n) : table(result, run));
        report.write(json, dir -> TrainReport.write(dir, result, trace, testSource(run.data()), benchmarks));
        System.out.flush();
        return Main.EXIT_PASS;
    }

    private DataSpec data(RunSpec base) {
        DataSpec d = base.data();
        if (dataset != null && dataFile != null) {
            throw new LockstepException("--dataset and --data exclude each other");
        }
        if (dataset != null) {
            d = switch (dataset) {
                case DataSpec.IRIS -> DataSpec.iris();
                case DataSpec.FASHION_MNIST -> d.isFashionMnist() ? d : DataSpec.fashionMnist(null, 0, 0);
                default -> throw new LockstepException("--dataset: unknown dataset \"" + dataset
                        + "\" (known: iris, fashion-mnist; for a CSV file use --data FILE --label-column K)");
            };
        }
        if (dataFile != null) {
            if (labelColumn == null) {
                throw new LockstepException("--data " + dataFile + ": needs --label-column K (the 0-based column of the class index)");
            }
            d = DataSpec.csv(dataFile.toString(), labelColumn, classes != null ? classes : base.network().outputSize());
        } else if (labelColumn != null || classes != null) {
            throw new LockstepException((labelColumn != null ? "--label-column" : "--classes") + " goes with --data FILE");
        }
        if (dataDir != null || limit != null || testLimit != null) {
            String flag = dataDir != null ? "--data-dir" : limit != null ? "--limit" : "--test-limit";
            if (!d.isFashionMnist()) {
                throw new LockstepException(flag + " applies to fashion-mnist only; the dataset is " + d.describe());
            }
            if ((limit != null && limit < 1) || (testLimit != null && testLimit < 1)) {
                throw new LockstepException((limit != null && limit < 1 ? "--limit" : "--test-limit") + ": must be at least 1");
            }
            d = DataSpec.fashionMnist(dataDir != null ? dataDir.toString() : d.path(), limit != null ? limit : d.limit(),
                    testLimit != null ? testLimit : d.testLimit());
        }
        return d;
    }

    private TrainingSpec training(TrainingSpec t) {
        return overrides.apply(t);
    }

    /** ", N validation examples (for early stopping)" when the spec has validation data. */
    private static String heldOut(TrainingRun training, RunSpec run) {
        return training.validationExamples() == 0 ? "" : ", " + training.validationExamples() + " validation examples"
                + (run.training().earlyStopping() == null ? "" : " (for early stopping)");
    }

    private static String testSource(DataSpec d) {
        return d.isFashionMnist() ? "the fashion-mnist test split" : "a seeded 80/20 hold-out";
    }

    static String table(TrainingResult r, RunSpec run) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%-7s %-22s %12s %12s %10s %11s%n", "side", "test accuracy", "final loss",
                "train time", "examples/s", "test time"));
        row(s, r.engine(), r.trainExamples());
        if (r.dl4j() != null) {
            row(s, r.dl4j(), r.trainExamples());
            s.append(String.format(Locale.ROOT, "engine and dl4j predict the same class for %.2f%% of the test examples%n",
                    100 * r.agreement()));
        }
        for (TrainingResult.Side side : r.dl4j() == null ? List.of(r.engine()) : List.of(r.engine(), r.dl4j())) {
            if (side.stop() != null) {
                s.append(String.format(Locale.ROOT, "%s stopped early after epoch %d and kept epoch %d's parameters: %s%n",
                        side.name(), side.stop().stoppedAfter(), side.stop().bestEpoch(), side.stop().reason()));
            }
        }
        return s.toString();
    }

    private static void row(StringBuilder s, TrainingResult.Side side, int trainExamples) {
        double[] losses = side.epochLosses();
        s.append(String.format(Locale.ROOT, "%-7s %-22s %12.6f %10.1f s %10.0f %9.2f s%n", side.name(),
                String.format(Locale.ROOT, "%.4f (%d/%d)", side.accuracy(), side.correct(), side.tested()),
                losses[losses.length - 1], side.trainSeconds(), side.examplesPerSecond(trainExamples), side.evalSeconds()));
    }

    /** {@code threads}: each side's thread count. */
    static String json(TrainingResult r, RunSpec run, int threads) {
        ObjectNode root = JsonText.object();
        root.put("command", "train");
        root.put("threads", threads);
        if (r.dl4j() != null) {
            root.put("dl4jOpThreads", Nd4jRuntime.opThreads());
        }
        root.set("spec", JsonText.parse(SpecJson.write(run)));
        root.put("trainExamples", r.trainExamples());
        root.put("validationExamples", r.validationExamples());
        root.put("testExamples", r.testExamples());
        root.put("testSet", testSource(run.data()));
        side(root.putObject("engine"), r.engine(), r.trainExamples());
        if (r.dl4j() != null) {
            side(root.putObject("dl4j"), r.dl4j(), r.trainExamples());
            root.put("predictionAgreement", r.agreement());
        }
        return JsonText.pretty(root) + "\n";
    }

    private static void side(ObjectNode o, TrainingResult.Side side, int trainExamples) {
        o.put("testAccuracy", side.accuracy());
        o.put("correct", side.correct());
        o.put("tested", side.tested());
        o.put("trainSeconds", side.trainSeconds());
        o.put("examplesPerSecond", side.examplesPerSecond(trainExamples));
        o.put("testSeconds", side.evalSeconds());
        ArrayNode losses = o.putArray("epochLoss");
        for (double l : side.epochLosses()) {
            losses.add(l);
        }
        if (side.stop() != null) {
            ObjectNode stop = o.putObject("earlyStopping");
            stop.put("stoppedAfterEpoch", side.stop().stoppedAfter());
            stop.put("bestEpoch", side.stop().bestEpoch());
            stop.put("reason", side.stop().reason());
        }
        ArrayNode confusion = o.putArray("confusion");     // [actual][predicted]
        for (int[] row : side.confusion()) {
            ArrayNode r = confusion.addArray();
            for (int n : row) {
                r.add(n);
            }
        }
    }
}
