package lockstep.golden;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.function.Function;
import lockstep.LockstepException;
import lockstep.UnsupportedSpec;
import lockstep.data.Dataset;
import lockstep.engine.EngineComponents;
import lockstep.harness.EngineFactory;
import lockstep.spec.RunSpec;

/**
 * A reference-data directory: one folder per scenario (hidden folders, such as a recording still
 * being written, and plain files such as README.md are not scenarios), and the verification of each.
 */
public final class ReferenceData {
    /** The default directory, relative to the working directory. */
    public static final String DEFAULT_DIR = "reference-data";

    private ReferenceData() {
    }

    /** Every scenario folder in {@code dir}, sorted by name. */
    public static List<Path> scenarios(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new LockstepException(dir + ": no such reference-data directory");
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
        } catch (IOException e) {
            throw new LockstepException(dir + ": cannot list: " + e.getMessage());
        }
    }

    /** The folders of the named scenarios (all of them when {@code names} is empty); an unknown name is an error. */
    public static List<Path> scenarios(Path dir, List<String> names) {
        List<Path> all = scenarios(dir);
        if (names == null || names.isEmpty()) {
            return all;
        }
        List<Path> out = new ArrayList<>();
        for (String name : names) {
            Path p = dir.resolve(name);
            if (!all.contains(p)) {
                throw new LockstepException(p + ": no such scenario (known: "
                        + String.join(", ", all.stream().map(s -> s.getFileName().toString()).toList()) + ")");
            }
            out.add(p);
        }
        return out;
    }

    /** {@link #verify(Path, boolean, Function)} with lockstep's matrix engine. */
    public static ScenarioResult verify(Path scenarioDir, boolean withDl4j) {
        return verify(scenarioDir, withDl4j, run -> EngineFactory.MATRIX);
    }

    /**
     * Reads a scenario folder and replays it: the batch plan, the engine {@code engines} gives for the scenario's spec
     * and, with {@code withDl4j}, DL4J. A folder that cannot be trusted gives an ERROR result carrying the one-line
     * message; an engine that refuses the spec ({@link UnsupportedSpec}) an UNSUPPORTED one.
     */
    public static ScenarioResult verify(Path scenarioDir, boolean withDl4j, Function<RunSpec, EngineFactory> engines) {
        String name = scenarioDir.getFileName().toString();
        GoldenScenario g;
        Dataset data;
        try {
            g = ScenarioFiles.read(scenarioDir);
            data = GoldenVerifier.dataset(g, scenarioDir.toString());
        } catch (LockstepException e) {
            return ScenarioResult.error(name, scenarioDir, e.getMessage());
        }
        String plan = GoldenVerifier.checkBatchPlan(g, data);
        SideResult engine = null;
        String unsupported = null;
        try {
            engine = GoldenVerifier.verifyEngine(g, data, new EngineComponents(), engines.apply(g.spec()));
        } catch (UnsupportedSpec e) {
            unsupported = e.getMessage();
        }
        SideResult dl4j = withDl4j ? GoldenVerifier.verifyDl4j(g, data) : null;
        return new ScenarioResult(name, scenarioDir, g, null, plan, engine, dl4j, unsupported);
    }
}
