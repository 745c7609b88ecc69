package lockstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import lockstep.report.JsonText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lockstep explore}: the page and its data written, and bad input refused in one line before any training. */
class ExploreCommandTest {
    @TempDir
    Path dir;

    @Test
    void writesThePageAndItsData() throws IOException {
        Path out = dir.resolve("explore");
        CommandOutput r = CommandOutput.of("explore", "--out", out.toString(), "--learning-rates", "0.1,0.03",
                "--batch-sizes", "120,16", "--epochs", "2");
        assertEquals(Main.EXIT_PASS, r.exitCode(), r.err());
        assertTrue(r.out().contains("explore: 2 learning rates x 2 batch sizes x shuffle on/off = 8 cells, 2 epochs each;"
                + " 72 steps a side in "), r.out());
        assertTrue(r.out().contains("page: " + out.resolve("index.html")), r.out());
        String html = Files.readString(out.resolve("index.html"));
        assertTrue(html.contains("<script type=\"application/json\" id=\"explore-data\">"));
        assertFalse(html.matches("(?s).*(src|href)=\"https?:.*"), "the page loads nothing from the network");
        var data = JsonText.parse(Files.readString(out.resolve("data.json")));
        assertEquals("[0.03,0.1]", data.get("learningRates").toString());
        assertEquals("[16,120]", data.get("batchSizes").toString());
        assertEquals(8, data.get("cells").size());
        assertEquals(3, data.at("/earlyStopping/patience").asInt());
    }

    @Test
    void missingSpecFile() {
        String e = CommandOutput.oneLineError("explore", "--spec", dir.resolve("nope.json").toString(), "--out", dir.toString());
        assertTrue(e.contains("nope.json: spec file not found"), e);
    }

    @Test
    void outUnderAFile() throws IOException {
        Path file = Files.writeString(dir.resolve("file"), "x");
        String e = CommandOutput.oneLineError("explore", "--out", file.resolve("page").toString());
        assertTrue(e.startsWith("error: " + file.resolve("page") + ": cannot write the page: "), e);
    }

    @Test
    void outMissing() {
        String e = CommandOutput.oneLineError("explore");
        assertTrue(e.contains("Missing required option: '--out=DIR'"), e);
    }

    @Test
    void badGrid() {
        String out = dir.resolve("p").toString();
        assertTrue(CommandOutput.oneLineError("explore", "--out", out, "--epochs", "0").contains("--epochs: must be at least 1, got 0"));
        assertTrue(CommandOutput.oneLineError("explore", "--out", out, "--learning-rates", "0.1,-1")
                .contains("--learning-rates: must be finite and > 0, got -1.0"));
        assertTrue(CommandOutput.oneLineError("explore", "--out", out, "--batch-sizes", "16,121")
                .contains("--batch-sizes: 121 is more than the 120 training examples"));
        assertTrue(CommandOutput.oneLineError("explore", "--out", out, "--batch-sizes", "x")
                .contains("Invalid value for option '--batch-sizes'"));
    }
}
