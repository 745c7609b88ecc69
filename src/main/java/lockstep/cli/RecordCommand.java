package lockstep.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import lockstep.LockstepException;
import lockstep.golden.GoldenRecorder;
import lockstep.golden.GoldenScenario;
import lockstep.golden.ScenarioFiles;
import lockstep.io.AtomicFiles;
import lockstep.spec.RunSpec;
import lockstep.spec.SpecJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lockstep record}: records a golden reference scenario from DL4J (see README, "Reference data"). */
@Command(name = "record", mixinStandardHelpOptions = true,
        description = {"Records a golden reference scenario from DL4J.",
                "DL4J's trajectory from the spec's seed alone (its own initial draw and",
                "batches) is stored as .npy arrays and a manifest.json",
                "(format: reference-data/README.md). The folder is written next to the target",
                "under a temporary name and renamed into place when complete.",
                "Record with pinned threads (the launcher sets OMP_NUM_THREADS=1).",
                "Exit code: 0 recorded, 2 bad input, 3 internal error."})
final class RecordCommand implements Callable<Integer> {

    @Option(names = "--spec", required = true, paramLabel = "FILE",
            description = {"JSON run spec, or a scenario's manifest.json to re-record it with its",
                    "own spec, description and checkpoint interval."})
    Path spec;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "The scenario folder to create, e.g. reference-data/iris-adam-double.")
    Path out;

    @Option(names = "--checkpoint-every", paramLabel = "K",
            description = {"Store the full state of step 1, every K-th step and the last step",
                    "(default 1: every step; the loss and batch of every step are always stored)."})
    Integer checkpointEvery;

    @Option(names = "--description", paramLabel = "TEXT", description = "What the scenario covers (kept in the manifest).")
    String description;

    @Option(names = "--force", description = "Replace an existing scenario folder.")
    boolean force;

    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() {
        String name = out.toAbsolutePath().normalize().getFileName() == null ? ""
                : out.toAbsolutePath().normalize().getFileName().toString();
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new LockstepException("--out " + out + ": a scenario name must start with a letter or digit and"
                    + " hold only letters, digits, '.', '_' and '-'");
        }
        if (Files.exists(out) && !force) {
            throw new LockstepException(out + ": already exists; use --force to replace it");
        }
        AtomicFiles.checkDirectoryWritable(out, "the scenario");
        RunSpec run;
        String text = description;
        int k = checkpointEvery == null ? 1 : checkpointEvery;
        if (Files.isRegularFile(spec) && ScenarioFiles.isManifest(spec)) {
            ScenarioFiles.Settings settings = ScenarioFiles.readSettings(spec);
            run = settings.spec();
            text = description != null ? description : settings.description();
            k = checkpointEvery != null ? checkpointEvery : settings.checkpointEvery();
        } else {
            run = SpecJson.read(spec);
        }
        if (k < 1) {
            throw new LockstepException("--checkpoint-every: must be at least 1, got " + k);
        }
        System.out.println("lockstep record  " + name + "  " + run.describe());
        long start = System.nanoTime();
        GoldenScenario g = GoldenRecorder.record(run, name, text, k);
        AtomicFiles.publishDirectory(out, force, dir -> ScenarioFiles.write(g, dir));
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.println(String.format(Locale.ROOT,
                "recorded %d steps (%s) from DL4J %s with OMP_NUM_THREADS=%d into %s: %d arrays, %s, %.1f s",
                g.steps(), g.storedSteps().size() == g.steps() ? "every step stored"
                        : g.storedSteps().size() + " stored, every " + k, g.provenance().version(),
                g.provenance().ompNumThreads(), out, count(out), size(out), seconds));
        return Main.EXIT_PASS;
    }

    private static long count(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".npy")).count();
        } catch (IOException e) {
            return -1;
        }
    }

    private static String size(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            long bytes = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
            return bytes < 10_000 ? bytes + " bytes" : String.format(Locale.ROOT, "%.0f KB", bytes / 1024.0);
        } catch (IOException e) {
            return "? bytes";
        }
    }
}
