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
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lockstep.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `compare --report DIR` writes a page whose charts a real browser (headless Chromium) loads. */
class HtmlReportTest {
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
        assertEquals(3, html.lines().filter(l -> l.startsWith("<tr><td>")).count(), "one row per epoch");
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
        Path chromium = Path.of("/usr/bin/chromium");
        assertTrue(Files.isExecutable(chromium), "headless Chromium is needed for this test: apt-get install chromium (.ci/run installs it)");
        Process p = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + dir.resolve("chromium-profile"), "--virtual-time-budget=5000", "--dump-dom",
                out.resolve("index.html").toUri().toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String dom = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "chromium did not finish");
        Matcher m = Pattern.compile("data-images=\"(\\d+)\" data-images-loaded=\"(\\d+)\"").matcher(dom);
        assertTrue(m.find(), () -> "the page's load hook did not run: " + dom.substring(0, Math.min(400, dom.length())));
        assertEquals("2", m.group(1), "images on the page");
        assertEquals(m.group(1), m.group(2), "every image loaded");
    }
}
