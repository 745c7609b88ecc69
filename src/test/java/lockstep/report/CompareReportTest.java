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
        assertTrue(html.contains("<img src=\"loss.png\"") && html.contains("<img src=\"difference.png\""), html);
        assertTrue(html.contains("PASS  30 steps x 4 parameters"), html);
        String epochs = html.substring(html.indexOf("<h2>Epochs</h2>"));
        epochs = epochs.substring(0, epochs.indexOf("</table>"));
        assertEquals(3, epochs.lines().filter(l -> l.startsWith("<tr><td>")).count(), "one row per epoch");
        for (String png : List.of("loss.png", "difference.png")) {
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
        assertEquals(2, images[0], "images on the page");
        assertEquals(images[0], images[1], "every image loaded");
    }

    /** The twin: a page whose image is missing is caught by the same check. */
    @Test
    void aMissingImageIsCaught() throws Exception {
        Path out = dir.resolve("report");
        assertEquals(Main.EXIT_PASS, compareWithReport(out));
        Files.delete(out.resolve("difference.png"));
        int[] images = Chromium.imagesLoaded(out.resolve("index.html"), dir);
        assertEquals(2, images[0]);
        assertEquals(1, images[1], "the deleted image did not load");
    }
}
