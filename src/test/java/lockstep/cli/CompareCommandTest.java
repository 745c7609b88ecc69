package lockstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code lockstep compare --init-from dl4j} runs from DL4J's own initial weights and passes. */
class CompareCommandTest {

    @Test
    void initFromDl4jPassesAndSaysSo() {
        CommandOutput r = CommandOutput.of("compare", "--init-from", "dl4j", "--epochs", "2");
        String text = r.out();
        assertEquals(Main.EXIT_PASS, r.exitCode(), text + r.err());
        assertTrue(text.lines().findFirst().orElse("").endsWith("seed 42  init from dl4j"), text);
        assertTrue(text.contains("PASS  20 steps x 4 parameters"), text);
    }
}
