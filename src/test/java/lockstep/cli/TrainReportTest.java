package lockstep.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import lockstep.data.Dataset;
import lockstep.data.Datasets;
import lockstep.data.TrainTestSplit;
import lockstep.report.Chromium;
import lockstep.spec.DataSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train --report} (HTML + charts, checked in headless Chromium) and the confusion matrices in --json. */
class TrainReportTest {
    @TempDir
    static Path dir;
    static Path report;
    static CommandOutput run;
    static JsonNode json;

    @BeforeAll
    static void train() throws Exception {
        report = dir.resolve("train-report");
        run = CommandOutput.of("train", "--both", "--epochs", "4", "--json", "--report", report.toString());
        assertEquals(Main.EXIT_PASS, run.exitCode(), run.err());
        json = new ObjectMapper().readTree(run.out());
    }

    @Test
    void confusionMatricesAddUpToTheHoldOut() {
        // the Iris hold-out's classes, counted here from the split itself
        Dataset test = Datasets.trainTest(DataSpec.iris(), 42).test();
        int[] perClass = new int[3];
        for (int e = 0; e < test.size(); e++) {
            perClass[test.classOf(e)]++;
        }
        for (String side : List.of("engine", "dl4j")) {
            JsonNode c = json.get(side).get("confusion");
            assertEquals(3, c.size());
            int diagonal = 0;
            for (int actual = 0; actual < 3; actual++) {
                int sum = 0;
                for (JsonNode n : c.get(actual)) {
                    sum += n.asInt();
                }
                assertEquals(perClass[actual], sum, side + ": test examples of class " + actual);
                diagonal += c.get(actual).get(actual).asInt();
            }
            assertEquals(json.get(side).get("correct").asInt(), diagonal, side + ": the diagonal is the correct count");
        }
        assertEquals(1.0, json.get("predictionAgreement").asDouble());
        assertEquals(json.get("engine").get("confusion"), json.get("dl4j").get("confusion"),
                "the same predictions give the same matrix");
    }

    @Test
    void thePageHasTheChartsTheResultAndTheConfusionMatrices() throws Exception {
        String html = Files.readString(report.resolve("index.html"));
        for (String png : List.of("loss.png", "epoch-loss.png", "per-class.png")) {
            assertTrue(html.contains("<img src=\"" + png + "\""), png);
            byte[] b = Files.readAllBytes(report.resolve(png));
            assertTrue(b.length > 1000 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G', png + " is a PNG");
        }
        assertTrue(html.contains("<h3>Confusion matrix, engine</h3>") && html.contains("<h3>Confusion matrix, DL4J</h3>"), html);
        assertTrue(html.contains("<tr><th>actual \\ predicted</th><th>setosa</th><th>versicolor</th><th>virginica</th></tr>"), html);
        String accuracy = String.format(java.util.Locale.ROOT, "<td>engine</td><td>%.4f</td><td>%d/30</td>",
                json.get("engine").get("testAccuracy").asDouble(), json.get("engine").get("correct").asInt());
        assertTrue(html.contains(accuracy), accuracy + " in " + html);
        assertTrue(html.contains("Both sides predict the same class for 100.00% of the test examples"), html);
        int[] images = Chromium.imagesLoaded(report.resolve("index.html"), dir);
        assertArrayEquals(new int[] {3, 3}, images, "images on the page, and loaded");
    }

    @Test
    void withoutBothTheReportShowsTheEngineAlone() throws Exception {
        Path engineOnly = dir.resolve("engine-only");
        CommandOutput r = CommandOutput.of("train", "--epochs", "2", "--report", engineOnly.toString());
        assertEquals(Main.EXIT_PASS, r.exitCode(), r.err());
        assertTrue(r.out().endsWith("report: " + engineOnly.resolve("index.html") + "\n"), r.out());
        String html = Files.readString(engineOnly.resolve("index.html"));
        assertTrue(html.contains("<h3>Confusion matrix, engine</h3>") && !html.contains("DL4J</h3>"), html);
    }

    @Test
    void aReportDirectoryThatCannotBeWrittenIsRefusedBeforeTraining() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
        CommandOutput r = CommandOutput.of("train", "--report", file.resolve("report").toString());
        assertEquals(Main.EXIT_BAD_INPUT, r.exitCode());
        assertEquals("error: " + file.resolve("report") + ": cannot write the report: " + file + ": exists (and is not a directory)\n",
                r.err());
        assertEquals("", r.out(), "refused before anything ran");
        CommandOutput f = CommandOutput.of("verify", "--report", file.toString());
        assertEquals(Main.EXIT_BAD_INPUT, f.exitCode());
        assertEquals("error: " + file + ": cannot write the report: exists and is not a directory\n", f.err());
        CommandOutput rec = CommandOutput.of("record", "--spec", "examples/iris-early-stopping.json", "--out",
                file.resolve("scenario").toString());
        assertEquals(Main.EXIT_BAD_INPUT, rec.exitCode());
        assertTrue(rec.err().startsWith("error: " + file.resolve("scenario") + ": cannot write the scenario: "), rec.err());
        assertEquals("", rec.out(), "refused before recording");
    }

    @Test
    void benchResultsWithoutReportOrMissingAreOneLineErrors() {
        CommandOutput a = CommandOutput.of("train", "--bench-results", "x.json");
        assertEquals(Main.EXIT_BAD_INPUT, a.exitCode());
        assertEquals("error: --bench-results: goes with --report\n", a.err());
        CommandOutput b = CommandOutput.of("train", "--report", dir.resolve("r").toString(), "--bench-results",
                dir.resolve("none.json").toString());
        assertEquals(Main.EXIT_BAD_INPUT, b.exitCode());
        assertEquals("error: --bench-results " + dir.resolve("none.json") + ": no such file\n", b.err());
        assertTrue(!Files.exists(dir.resolve("r")), "nothing written");
    }
}
