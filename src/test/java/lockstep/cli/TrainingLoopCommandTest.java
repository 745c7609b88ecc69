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
                + " in dataset order every epoch (no shuffle)", lines.get(2));
        assertTrue(lines.get(lines.size() - 1).startsWith("PASS  18 steps x 4 parameters"), r.out());
        assertTrue(lines.get(lines.size() - 1).endsWith("; 2 epochs, 288 examples seen"), r.out());
    }

    @Test
    void validationLossAndAccuracyAreColumnsOfTheTable() {
        CommandOutput r = CommandOutput.of("compare", "--epochs", "3", "--validation-fraction", "0.2");
        assertEquals(Main.EXIT_PASS, r.exitCode(), r.out() + r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(3).startsWith("validation: 30 examples, held out of the 150 before training"), r.out());
        assertTrue(lines.get(4).endsWith("drift    val. engine   val. dl4j     acc engine  acc dl4j  val. diff"), r.out());
        for (int epoch = 1; epoch <= 3; epoch++) {
            String[] f = lines.get(4 + epoch).trim().split("\\s+");
            assertEquals(14, f.length, lines.get(4 + epoch));
            assertEquals(f[9], f[10], "validation loss, engine and DL4J: " + lines.get(4 + epoch));
            assertEquals(f[11], f[12], "validation accuracy, engine and DL4J: " + lines.get(4 + epoch));
        }
        assertTrue(lines.get(8).endsWith("; 3 epochs, 360 examples seen"), r.out());
    }

    @Test
    void earlyStoppingPrintsTheScoresPerEpochAndBothOutcomes() {
        CommandOutput r = CommandOutput.of("compare", "--early-stopping", "--patience", "3", "--min-delta", "0.01",
                "--epochs", "100", "--batch", "40");
        assertEquals(Main.EXIT_PASS, r.exitCode(), r.out() + r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(3).startsWith("validation: 30 examples, held out of the 150"), "20% held out by default: " + r.out());
        int es = lines.indexOf("early stopping: patience 3, min delta 0.01, at most 100 epochs, validation loss after every"
                + " epoch; the engine's own, and DL4J's EarlyStoppingTrainer on the same batches");
        assertTrue(es > 0, r.out());
        assertEquals("epoch  val. engine   val. dl4j     rel. diff  drift    best", lines.get(es + 1));
        String engine = lines.stream().filter(l -> l.startsWith("engine: stopped after epoch ")).findFirst().orElseThrow();
        String dl4j = lines.stream().filter(l -> l.startsWith("dl4j:   stopped after epoch ")).findFirst().orElseThrow();
        String stoppedAfter = engine.substring("engine: stopped after epoch ".length(), engine.indexOf(':', 8));
        assertTrue(dl4j.startsWith("dl4j:   stopped after epoch " + stoppedAfter + " (getTotalEpochs() " + stoppedAfter + "): "
                + "ScoreImprovementEpochTerminationCondition(maxEpochsWithNoImprovement=3, minImprovement=0.01)"), r.out());
        assertTrue(dl4j.contains("counted from 0; getBestModelScore() 0.0, getScoreVsEpoch() 0."), dl4j);
        assertEquals(Integer.parseInt(stoppedAfter), lines.size() - 1 - es - 2 - 3, "one row per evaluated epoch");
        String verdict = lines.get(lines.size() - 1);
        assertTrue(verdict.startsWith("PASS  ") && verdict.contains("; early stopping agrees: best epoch ")
                && verdict.endsWith("stopped after epoch " + stoppedAfter + " (no improvement)"), verdict);
    }

    @Test
    void patienceWithoutEarlyStoppingIsBadInput() {
        CommandOutput r = CommandOutput.of("compare", "--patience", "3");
        assertEquals(Main.EXIT_BAD_INPUT, r.exitCode());
        assertEquals("error: --patience, --min-delta and --evaluate-every need --early-stopping (or an \"earlyStopping\""
                + " object in the spec's training)", r.err().strip());
    }

    @Test
    void bothValidationSourcesAtOnceAreBadInput() {
        CommandOutput r = CommandOutput.of("compare", "--validation-fraction", "0.2", "--validation-csv", "v.csv");
        assertEquals(Main.EXIT_BAD_INPUT, r.exitCode());
        assertEquals("error: --validation-fraction and --validation-csv exclude each other", r.err().strip());
    }
}
