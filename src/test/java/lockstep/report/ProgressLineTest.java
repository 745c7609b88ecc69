package lockstep.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import lockstep.harness.TrainingRun.Progress;
import org.junit.jupiter.api.Test;

/** Progress: one line per epoch in a log, one line redrawn with \r on a terminal. */
class ProgressLineTest {

    private static String drive(boolean terminal, double dl4jLoss) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressLine line = new ProgressLine(new PrintStream(bytes, true, StandardCharsets.UTF_8), terminal);
        for (int epoch = 1; epoch <= 2; epoch++) {
            for (int step = 1; step <= 3; step++) {
                line.onStep(new Progress(epoch, 2, step, 3, step * 100, 0.5 / epoch, dl4jLoss, step * 0.1, step * 0.05, 0.5, dl4jLoss));
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aLogGetsOneLinePerEpoch() {
        assertEquals("epoch 1/2  step 3/3  loss 0.5000  1000 examples/s\n"
                + "epoch 2/2  step 3/3  loss 0.2500  1000 examples/s\n", drive(false, Double.NaN).replace("\r\n", "\n"));
    }

    @Test
    void withDl4jBothLossesAndRatesAreShown() {
        assertTrue(drive(false, 0.75).startsWith("epoch 1/2  step 3/3  loss 0.5000 (dl4j 0.7500)  1000 examples/s (dl4j 2000)"));
    }

    @Test
    void aTerminalGetsOneLineRedrawnInPlace() {
        String out = drive(true, Double.NaN);
        assertTrue(out.startsWith("\repoch 1/2  step 1/3"), out);
        assertEquals(1, out.chars().filter(c -> c == '\n').count(), out);   // only after the last epoch
        assertTrue(out.endsWith("\repoch 2/2  step 3/3  loss 0.2500  1000 examples/s\n"), out);
        assertFalse(out.contains("\n\r"), out);
    }
}
