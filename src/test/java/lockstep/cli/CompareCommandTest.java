package lockstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code lockstep compare --init-from dl4j} runs from DL4J's own initial weights and passes. */
class CompareCommandTest {

    @Test
    void initFromDl4jPassesAndSaysSo() {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            code = Main.run("compare", "--init-from", "dl4j", "--epochs", "2");
        } finally {
            System.setOut(original);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(Main.EXIT_PASS, code, text);
        assertTrue(text.lines().findFirst().orElse("").endsWith("seed 42  init from dl4j"), text);
        assertTrue(text.contains("PASS  20 steps x 4 parameters"), text);
    }
}
