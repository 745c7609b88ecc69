package lockstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code lockstep compare} with the training-loop options: the data plan, examples seen, validation and early stopping. */
class TrainingLoopCommandTest {

    @Test
    void dropLastAndNoShuffleAreShownInThePlanAndTheExamplesSeen() {
        CommandOutput r = CommandOutput.of("compare", "--epochs", "2", "--drop-last", "--no-shuffle");
        assertEquals(Main.EXIT_PASS, r.exitCode(), r.out() + r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals("training: 150 examples, batch 16: 9 steps per epoch (the last 6 examples of each epoch's order dropped),"
                + " in dataset order every epoch (no shuffle)", lines.get(1));
        assertTrue(lines.get(lines.size() - 1).startsWith("PASS  18 steps x 4 parameters"), r.out());
        assertTrue(lines.get(lines.size() - 1).endsWith("; 2 epochs, 288 examples seen"), r.out());
    }
}
