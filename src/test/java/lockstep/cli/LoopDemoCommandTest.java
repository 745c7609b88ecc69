package lockstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code lockstep demo symmetry | init | batch-size} through the command line, small. */
class LoopDemoCommandTest {

    @Test
    void symmetry() {
        CommandOutput r = CommandOutput.of("demo", "symmetry", "--epochs", "1");
        assertEquals(Main.EXIT_PASS, r.exitCode(), r.out() + r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).startsWith("lockstep demo symmetry  iris  4-8(tanh)-8(tanh)-3(softmax)"), r.out());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("all 0.1                   engine  0      0         0         0")), r.out());
        assertTrue(lines.get(lines.size() - 1).startsWith("PASS  on both sides the equal starts kept every hidden layer's units"
                + " exactly identical for all 10 steps"), r.out());
    }

    @Test
    void init() {
        CommandOutput r = CommandOutput.of("demo", "init", "--examples", "32");
        assertEquals(Main.EXIT_PASS, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("relu, He: W ~ N(0, sqrt(2/fanIn)) = N(0, 0.177)"), r.out());
        assertTrue(r.out().lines().reduce((a, b) -> b).orElse("").startsWith("PASS  engine and DL4J computed the same"), r.out());
    }

    @Test
    void batchSize() {
        CommandOutput r = CommandOutput.of("demo", "batch-size", "--epochs", "2", "--batch-sizes", "16,150", "--learning-rates", "0.1");
        assertEquals(Main.EXIT_PASS, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("  N = 50,000: B = 128 -> 391 steps (390 of 128, the last of 80; 390 with --drop-last);"
                + " 10 epochs = 3,910 steps"), r.out());
        assertTrue(r.out().contains("lr     B    steps/ep  step 5    step 20    epoch 1   epoch 2"), r.out());
    }

    @Test
    void demoListsTheNewDemos() {
        CommandOutput r = CommandOutput.of("demo");
        assertTrue(r.out().contains("symmetry") && r.out().contains("init") && r.out().contains("batch-size"), r.out());
    }

    @Test
    void badInputIsNamed() {
        CommandOutput r = CommandOutput.of("demo", "batch-size", "--learning-rates", "0");
        assertEquals(Main.EXIT_BAD_INPUT, r.exitCode());
        assertEquals("error: --learning-rates: must be finite and > 0, got 0.0", r.err().strip());
    }
}
