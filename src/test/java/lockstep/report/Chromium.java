package lockstep.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Opens a report in headless Chromium and reads the page's image-load hook (see {@link ReportPage}). */
public final class Chromium {
    private static final Path BINARY = Path.of("/usr/bin/chromium");

    private Chromium() {
    }

    /** How many images the page has and how many of them loaded, as {@code {images, loaded}}. */
    public static int[] imagesLoaded(Path indexHtml, Path scratch) throws IOException, InterruptedException {
        assertTrue(Files.isExecutable(BINARY), "headless Chromium is needed for this test: apt-get install chromium (.ci/run installs it)");
        Process p = new ProcessBuilder(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + scratch.resolve("chromium-profile"), "--virtual-time-budget=5000", "--dump-dom",
                indexHtml.toUri().toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String dom = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "chromium did not finish");
        Matcher m = Pattern.compile("data-images=\"(\\d+)\" data-images-loaded=\"(\\d+)\"").matcher(dom);
        assertTrue(m.find(), () -> "the page's load hook did not run: " + dom.substring(0, Math.min(400, dom.length())));
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
    }
}
