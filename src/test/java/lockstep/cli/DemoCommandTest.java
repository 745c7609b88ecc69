package lockstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code lockstep demo zero-grad}: both loss curves, the accumulation shown exactly, exit 0; {@code demo} lists its demos. */
class DemoCommandTest {

    @Test
    void zeroGradPrintsBothLossCurvesAndShowsTheGradientsAccumulate() {
        CommandOutput r = CommandOutput.of("demo", "zero-grad", "--steps", "12");
        assertEquals(Main.EXIT_PASS, r.exitCode(), r.out() + r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals("lockstep demo zero-grad  iris  4-16(tanh)-3(softmax)  MCXENT  SGD lr=0.1  batch 16  DOUBLE  seed 42  (12 steps)",
                lines.get(0));
        int header = lines.indexOf("step    A              B            A            B             A: g_k     B: g_1+...+g_k");
        assertTrue(header > 0, r.out());
        List<String> rows = lines.subList(header + 1, header + 13);
        for (int k = 0; k < rows.size(); k++) {
            String[] f = rows.get(k).trim().split("\\s+");
            assertEquals(Integer.toString(k + 1), f[0], rows.get(k));
            assertEquals("0", f[5], () -> "A's gradient is its batch's: " + r.out());
            assertEquals("0", f[6], () -> "B's gradient is the sum so far: " + r.out());
            if (k == 0) {
                assertEquals(f[1], f[2], "the first step is the same with and without zeroGrad()");
            }
        }
        String[] last = rows.get(11).trim().split("\\s+");
        assertNotEquals(last[1], last[2], "then the loss curves part");
        assertTrue(lines.get(header + 13).startsWith("PASS  at every step A's .grad was exactly its batch's gradient and B's exactly"
                + " the sum of its batch gradients so far"), r.out());
    }

    @Test
    void demoWithoutASubcommandListsTheDemos() {
        CommandOutput r = CommandOutput.of("demo");
        assertEquals(Main.EXIT_PASS, r.exitCode());
        assertTrue(r.out().matches("(?s).*zero-grad +The five-line step with and without optimizer.zeroGrad\\(\\)\\..*"), r.out());
    }

    @Test
    void aStepCountBelowOneIsBadInput() {
        CommandOutput r = CommandOutput.of("demo", "zero-grad", "--steps", "0");
        assertEquals(Main.EXIT_BAD_INPUT, r.exitCode());
        assertEquals("error: --steps: must be at least 1, got 0", r.err().strip());
    }
}
