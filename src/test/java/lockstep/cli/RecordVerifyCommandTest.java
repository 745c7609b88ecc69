package lockstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import lockstep.io.Npy;
import lockstep.io.NpyArray;
import lockstep.golden.Sha256;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lockstep record} and {@code lockstep verify} through Main.run: outputs, exit codes, refusals. */
class RecordVerifyCommandTest {
    private static final String SPEC = """
            { "network": { "layers": [ {"nIn": 4, "nOut": 6, "activation": "SIGMOID"}, {"nIn": 6, "nOut": 3, "activation": "SOFTMAX"} ],
                           "loss": "MCXENT", "updater": {"type": "NESTEROVS", "learningRate": 0.05} },
              "training": { "batchSize": 32, "epochs": 2, "seed": 3, "dataType": "DOUBLE" } }""";

    @TempDir
    static Path dir;
    static Path refs;
    static Path spec;
    static CommandOutput recorded;

    @BeforeAll
    static void record() throws IOException {
        spec = Files.writeString(dir.resolve("spec.json"), SPEC);
        refs = dir.resolve("refs");
        recorded = CommandOutput.of("record", "--spec", spec.toString(), "--out", refs.resolve("nesterovs").toString(),
                "--checkpoint-every", "3", "--description", "Nesterovs, sigmoid");
    }

    @Test
    void recordWritesTheScenarioAndSaysWhat() throws IOException {
        assertEquals(Main.EXIT_PASS, recorded.exitCode(), recorded.err());
        assertTrue(recorded.out().contains("recorded 10 steps (5 stored, every 3) from DL4J 1.0.0-M2.1 with OMP_NUM_THREADS=1 into "
                + refs.resolve("nesterovs")), recorded.out());
        assertEquals(List.of(refs.resolve("nesterovs")), list(refs), "no temporary folder is left next to it");
        JsonNode m = new ObjectMapper().readTree(refs.resolve("nesterovs/manifest.json").toFile());
        assertEquals("Nesterovs, sigmoid", m.get("description").asText());
        assertEquals("[1,3,6,9,10]", m.get("storedSteps").toString());
    }

    @Test
    void verifysTextNamesEachSideAndTheFirstDivergence() throws IOException {
        CommandOutput v = CommandOutput.of("verify", "--dl4j", "--dir", refs.toString());
        assertEquals(Main.EXIT_PASS, v.exitCode(), v.out() + v.err());
        assertTrue(v.out().contains("  engine  PASS  10 steps, 5 stored compared"), v.out());
        assertTrue(v.out().contains("  dl4j    PASS  10 steps, 5 stored compared: bit-identical"), v.out());
        assertTrue(v.out().endsWith("PASS  1 scenario\n"), v.out());

        // the text of a divergence and of an unreadable scenario (their numbers are checked in the JSON tests)
        Path failing = editedScenario();
        String f = CommandOutput.of("verify", "--dir", failing.toString(), "edited").out();
        assertTrue(f.contains("  engine  FAIL  epoch 1 step 4 (step 4 of 10): parameter 1_b[2]  engine "), f);
        assertTrue(f.endsWith("FAIL  1 of 1 scenarios: edited (FAIL)\n"), f);
    }

    @Test
    void recordRefusesToOverwriteWithoutForce() throws IOException {
        Path target = refs.resolve("nesterovs");
        String before = Files.readString(target.resolve("manifest.json"));
        CommandOutput again = CommandOutput.of("record", "--spec", spec.toString(), "--out", target.toString());
        assertEquals(Main.EXIT_BAD_INPUT, again.exitCode());
        assertEquals("error: " + target + ": already exists; use --force to replace it\n", again.err());
        assertEquals(before, Files.readString(target.resolve("manifest.json")));
    }

    @Test
    void reRecordingFromTheManifestGivesTheSameArrays() throws IOException {
        Path copy = dir.resolve("rerecorded");
        CommandOutput r = CommandOutput.of("record", "--spec", refs.resolve("nesterovs/manifest.json").toString(), "--out",
                copy.toString());
        assertEquals(Main.EXIT_PASS, r.exitCode(), r.err());
        ObjectMapper json = new ObjectMapper();
        JsonNode a = json.readTree(refs.resolve("nesterovs/manifest.json").toFile());
        JsonNode b = json.readTree(copy.resolve("manifest.json").toFile());
        assertEquals(a.get("arrays"), b.get("arrays"), "same spec, same DL4J, same threads: the same bits");
        assertEquals(a.get("spec"), b.get("spec"));
        assertEquals(a.get("description"), b.get("description"));
        assertEquals(a.get("checkpointEvery"), b.get("checkpointEvery"));

        CommandOutput forced = CommandOutput.of("record", "--spec", spec.toString(), "--out", copy.toString(), "--force");
        assertEquals(Main.EXIT_PASS, forced.exitCode(), forced.err());
        assertEquals(10, json.readTree(copy.resolve("manifest.json").toFile()).get("storedSteps").size());
        assertEquals(List.of(copy), list(dir).stream().filter(p -> p.getFileName().toString().contains("rerecorded")).toList());
    }

    @Test
    void badRecordArgumentsAreOneLineErrors() {
        CommandOutput k = CommandOutput.of("record", "--spec", spec.toString(), "--out", dir.resolve("k0").toString(),
                "--checkpoint-every", "0");
        assertEquals(Main.EXIT_BAD_INPUT, k.exitCode());
        assertEquals("error: --checkpoint-every: must be at least 1, got 0\n", k.err());
        CommandOutput name = CommandOutput.of("record", "--spec", spec.toString(), "--out", dir.resolve(".hidden").toString());
        assertEquals(Main.EXIT_BAD_INPUT, name.exitCode());
        assertTrue(name.err().startsWith("error: --out " + dir.resolve(".hidden") + ": a scenario name must start"), name.err());
        CommandOutput missing = CommandOutput.of("record", "--spec", dir.resolve("nope.json").toString(), "--out",
                dir.resolve("x").toString());
        assertEquals("error: " + dir.resolve("nope.json") + ": spec file not found\n", missing.err());
        assertTrue(Files.notExists(dir.resolve("x")) && Files.notExists(dir.resolve("k0")));
    }

    @Test
    void verifyRefusesUnknownScenariosAndDirectories() {
        CommandOutput v = CommandOutput.of("verify", "--dir", refs.toString(), "nope");
        assertEquals(Main.EXIT_BAD_INPUT, v.exitCode());
        assertEquals("error: " + refs.resolve("nope") + ": no such scenario (known: nesterovs)\n", v.err());
        CommandOutput d = CommandOutput.of("verify", "--dir", dir.resolve("missing").toString());
        assertEquals("error: " + dir.resolve("missing") + ": no such reference-data directory\n", d.err());
    }

    @Test
    void verifyExitsWith2OnAnUnreadableScenarioAnd1OnADivergence() throws IOException {
        Path bad = dir.resolve("bad");
        Files.createDirectories(bad.resolve("broken"));
        Files.writeString(bad.resolve("broken/manifest.json"), "{\"format\": \"lockstep-golden\", \"formatVersion\": 9}");
        CommandOutput v = CommandOutput.of("verify", "--dir", bad.toString());
        assertEquals(Main.EXIT_BAD_INPUT, v.exitCode(), v.out());
        assertEquals("", v.err(), "the unreadable scenario is reported among the results, not as a crash");

        Path failing = editedScenario();
        CommandOutput f = CommandOutput.of("verify", "--dir", failing.toString(), "edited");
        assertEquals(Main.EXIT_FAIL, f.exitCode(), f.out() + f.err());
    }

    /** The twin of the JSON's PASS: the edited number fails, and the JSON names it with both values. */
    @Test
    void verifyJsonCarriesEveryScenarioAndTheFirstDivergence() throws IOException {
        ObjectMapper m = new ObjectMapper();
        CommandOutput ok = CommandOutput.of("verify", "--json", "--dl4j", "--dir", refs.toString());
        assertEquals(Main.EXIT_PASS, ok.exitCode(), ok.err());
        JsonNode j = m.readTree(ok.out());
        assertEquals("PASS", j.get("verdict").asText());
        assertEquals(1, j.get("scenarios").asInt());
        JsonNode s = j.get("results").get(0);
        assertEquals("nesterovs", s.get("name").asText());
        assertEquals("PASS", s.get("status").asText());
        assertEquals(10, s.get("steps").asInt());
        assertEquals(5, s.get("storedSteps").asInt());
        assertEquals("deeplearning4j 1.0.0-M2.1", s.get("recordedWith").asText());
        assertEquals(1e-10, s.get("tolerance").get("step").asDouble());
        assertEquals(10, s.get("engine").get("stepsReplayed").asInt());
        assertTrue(s.get("dl4j").get("bitIdentical").asBoolean(), s.toString());
        assertTrue(s.get("engine").get("largestAbsoluteDifference").asDouble() < 1e-14, s.toString());

        Path failing = editedScenario();
        CommandOutput f = CommandOutput.of("verify", "--json", "--dir", failing.toString());
        assertEquals(Main.EXIT_FAIL, f.exitCode(), f.err());
        JsonNode fj = m.readTree(f.out());
        assertEquals("FAIL", fj.get("verdict").asText());
        JsonNode d = fj.get("results").get(0).get("engine").get("divergence");
        assertEquals("STEP", d.get("check").asText());
        assertEquals(4, d.get("globalStep").asInt());
        assertEquals("PARAMETER", d.get("quantity").asText());
        assertEquals("1_b", d.get("parameter").asText());
        assertEquals("[2]", d.get("element").asText());
        double[] golden = Npy.read(failing.resolve("edited/steps/parameters/1_b.npy")).toDoubles();
        assertEquals(golden[3 * 3 + 2], d.get("golden").asDouble(), "the edited value, as stored");
        assertEquals(1e-3, d.get("golden").asDouble() - d.get("replayed").asDouble(), 1e-12, "the edit");
    }

    @Test
    void verifyJsonReportsAnUnreadableScenarioAsAnError() throws IOException {
        Path bad = dir.resolve("bad-json");
        Files.createDirectories(bad.resolve("broken"));
        Files.writeString(bad.resolve("broken/manifest.json"), "{\"format\": \"lockstep-golden\", \"formatVersion\": 9}");
        CommandOutput v = CommandOutput.of("verify", "--json", "--dir", bad.toString());
        assertEquals(Main.EXIT_BAD_INPUT, v.exitCode());
        JsonNode r = new ObjectMapper().readTree(v.out()).get("results").get(0);
        assertEquals("ERROR", r.get("status").asText());
        assertTrue(r.get("error").asText().startsWith(bad.resolve("broken/manifest.json") + ": unknown format version 9"),
                r.toString());
    }

    @Test
    void verifyReportShowsEveryScenarioAndItsChartsInABrowser() throws Exception {
        Path both = dir.resolve("both");
        Files.createDirectories(both);
        copy(refs.resolve("nesterovs"), both.resolve("nesterovs"));
        copy(editedScenario().resolve("edited"), both.resolve("edited"));
        Path out = dir.resolve("verify-report");
        CommandOutput v = CommandOutput.of("verify", "--dl4j", "--dir", both.toString(), "--report", out.toString());
        assertEquals(Main.EXIT_FAIL, v.exitCode(), v.out() + v.err());
        assertTrue(v.out().endsWith("report: " + out.resolve("index.html") + "\n"), v.out());
        String html = Files.readString(out.resolve("index.html"));
        assertTrue(html.contains("<b>FAIL  1 of 2 scenarios: edited (FAIL)</b>"), html);
        assertTrue(html.contains("<tr><td>nesterovs</td>") && html.contains("<td>FAIL</td>"), html);
        assertTrue(html.contains("engine  FAIL  epoch 1 step 4 (step 4 of 10): parameter 1_b[2]"), html);
        for (String name : List.of("nesterovs", "edited")) {
            assertTrue(Files.size(out.resolve(name + "-loss.png")) > 1000, name);
            assertTrue(Files.size(out.resolve(name + "-difference.png")) > 1000, name);
        }
        int[] images = lockstep.report.Chromium.imagesLoaded(out.resolve("index.html"), dir);
        assertEquals(4, images[0], "two charts per scenario");
        assertEquals(4, images[1], "every image loaded");
    }

    private static Path edited;

    /** The "nesterovs" run recorded with every step stored, its parameter 1_b after step 4, element 2, moved by 1e-3 (checksum updated). */
    private static synchronized Path editedScenario() throws IOException {
        if (edited != null) {
            return edited;
        }
        Path failing = dir.resolve("failing");
        CommandOutput r = CommandOutput.of("record", "--spec", spec.toString(), "--out", failing.resolve("edited").toString());
        assertEquals(Main.EXIT_PASS, r.exitCode(), r.err());
        Path array = failing.resolve("edited/steps/parameters/1_b.npy");   // [10, 3]: step 4, element 2
        NpyArray a = Npy.read(array);
        double[] values = a.toDoubles();
        values[3 * 3 + 2] += 1e-3;
        Npy.write(array, NpyArray.ofDoubles(a.shape(), values));
        Path manifest = failing.resolve("edited/manifest.json");
        Files.writeString(manifest, Files.readString(manifest).replace(Sha256.of(Npy.encode(a)),
                Sha256.of(Files.readAllBytes(array))));
        edited = failing;
        return failing;
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Files.copy(p, to.resolve(from.relativize(p).toString()));
            }
        }
    }

    private static List<Path> list(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.sorted().toList();
        }
    }
}
