package lockstep.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import lockstep.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `compare --report DIR` writes a page whose charts a real browser (headless Chromium) loads. */
class CompareReportTest {
    @TempDir
    Path dir;

    private int compareWithReport(Path out, String... extra) {
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try {
            List<String> args = new java.util.ArrayList<>(List.of("compare", "--epochs", "3", "--report", out.toString()));
            args.addAll(List.of(extra));
            return Main.run(new PrintWriter(new StringWriter(), true), args.toArray(String[]::new));
        } finally {
            System.setOut(stdout);
        }
    }

    @Test
    void reportHasTheChartsAndTheEpochTable() throws IOException {
        Path out = dir.resolve("report");
        assertEquals(Main.EXIT_PASS, compareWithReport(out));
        String html = Files.readString(out.resolve("index.html"));
        assertTrue(html.contains("<img src=\"loss.png\"") && html.contains("<img src=\"difference.png\"")
                && html.contains("<img src=\"relative.png\""), html);
        assertTrue(html.contains("PASS  30 steps x 4 parameters"), html);
        String epochs = html.substring(html.indexOf("<h2>Epochs</h2>"));
        epochs = epochs.substring(0, epochs.indexOf("</table>"));
        assertEquals(3, epochs.lines().filter(l -> l.startsWith("<tr><td>")).count(), "one row per epoch");
        for (String png : List.of("loss.png", "relative.png", "difference.png")) {
            byte[] bytes = Files.readAllBytes(out.resolve(png));
            assertTrue(bytes.length > 1000 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G', png + " is a PNG");
        }
        try (var left = Files.list(dir)) {
            assertEquals(List.of(out), left.toList(), "no staging directory left behind");
        }
    }

    @Test
    void aRunWithValidationAlsoChartsTheValidationLoss() throws IOException {
        Path out = dir.resolve("report");
        assertEquals(Main.EXIT_PASS, compareWithReport(out, "--validation-fraction", "0.2"));
        assertTrue(Files.readString(out.resolve("index.html")).contains("<img src=\"validation.png\""));
        assertTrue(Files.size(out.resolve("validation.png")) > 1000);
    }

    @Test
    void rewritingAReportReplacesItWhole() throws IOException {
        Path out = dir.resolve("report");
        Files.createDirectories(out);
        Files.writeString(out.resolve("stale.txt"), "from an earlier run");
        assertEquals(Main.EXIT_PASS, compareWithReport(out));
        assertTrue(Files.exists(out.resolve("index.html")));
        assertTrue(!Files.exists(out.resolve("stale.txt")), "the old report is replaced, not merged");
    }

    @Test
    void headlessChromiumLoadsEveryImage() throws Exception {
        Path out = dir.resolve("report");
        assertEquals(Main.EXIT_PASS, compareWithReport(out));
        int[] images = Chromium.imagesLoaded(out.resolve("index.html"), dir);
        assertEquals(3, images[0], "images on the page");
        assertEquals(images[0], images[1], "every image loaded");
    }

    /** An overflowing run (an infinite loss on both sides: FAIL) and zero tolerances still get their charts. */
    @Test
    void aDivergedRunAndZeroTolerancesStillGetTheirReport() throws Exception {
        Path spec = Files.writeString(dir.resolve("overflow.json"), """
                { "network": { "layers": [ {"nIn": 4, "nOut": 8, "activation": "IDENTITY"}, {"nIn": 8, "nOut": 3, "activation": "IDENTITY"} ],
                               "loss": "MSE", "updater": {"type": "SGD", "learningRate": 10.0} },
                  "training": { "batchSize": 16, "epochs": 2, "seed": 1, "dataType": "DOUBLE" } }""");
        Path out = dir.resolve("overflow");
        assertEquals(Main.EXIT_FAIL, compareWithReport(out, "--spec", spec.toString()));
        assertTrue(Files.readString(out.resolve("index.html")).contains("loss  engine Infinity  dl4j Infinity"));
        Path zero = dir.resolve("zero");
        assertEquals(Main.EXIT_FAIL, compareWithReport(zero, "--tolerance", "0", "--atol", "0"));
        for (Path report : List.of(out, zero)) {
            int[] images = Chromium.imagesLoaded(report.resolve("index.html"), dir);
            assertEquals(3, images[0], report.toString());
            assertEquals(3, images[1], report + ": every image loaded");
        }
    }

    /** The twin: a page whose image is missing is caught by the same check. */
    @Test
    void aMissingImageIsCaught() throws Exception {
        Path out = dir.resolve("report");
        assertEquals(Main.EXIT_PASS, compareWithReport(out));
        Files.delete(out.resolve("difference.png"));
        int[] images = Chromium.imagesLoaded(out.resolve("index.html"), dir);
        assertEquals(3, images[0]);
        assertEquals(2, images[1], "the deleted image did not load");
    }
}
