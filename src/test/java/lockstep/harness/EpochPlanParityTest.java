package lockstep.harness;

import lockstep.LockstepException;
import lockstep.comparison.Quantity;
import lockstep.comparison.TolerancePolicy;
import lockstep.data.Datasets;
import lockstep.data.Shuffler;
import lockstep.engine.EngineComponents;
import lockstep.report.ParityReport;
import lockstep.spec.RunSpec;
import lockstep.spec.TrainingSpec;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Epochs and steps: ceil(N/B) steps with DL4J given the partial last batch as it is, floor(N/B) with dropLast, and no shuffle. */
class EpochPlanParityTest {

    private static LockstepResult run(TrainingSpec t) {
        LockstepResult r = LockstepRun.of(RunSpec.irisDefault().withTraining(t)).run(e -> { });
        assertTrue(r.passed(), () -> ParityReport.verdictLine(r));
        return r;
    }

    @Test
    void thePartialLastBatchIsTrainedOnByBothSidesAsItIs() {
        LockstepResult r = run(RunSpec.irisDefault().training().withEpochs(3));
        for (EpochSummary e : r.epochs()) {
            assertEquals(10, e.steps(), "ceil(150/16) steps");
            assertEquals(150, e.examples(), "every example once per epoch, the last batch of 6 included");
        }
        assertEquals(3, r.epochs().size());
        assertEquals(450, r.examplesSeen());
    }

    @Test
    void droppingTheLastBatchGivesFloorNOverBStepsOnBothSides() {
        LockstepResult r = run(RunSpec.irisDefault().training().withEpochs(3).withDropLast(true));
        for (EpochSummary e : r.epochs()) {
            assertEquals(9, e.steps());
            assertEquals(144, e.examples());
        }
        assertEquals(27, r.steps());
        assertEquals(432, r.examplesSeen());
    }

    @Test
    void withoutShufflingBothSidesVisitTheDatasetInOrderEveryEpoch() {
        RunSpec spec = RunSpec.irisDefault().withTraining(RunSpec.irisDefault().training().withShuffle(false));
        lockstep.dl4j.Dl4jEpochOrder dl4j = new lockstep.dl4j.Dl4jEpochOrder(150, 42, false);
        for (int epoch = 1; epoch <= 3; epoch++) {
            assertArrayEquals(Shuffler.IDENTITY.order(150, epoch), dl4j.nextEpoch(150, false).get(0), "DL4J's order, epoch " + epoch);
        }
        // the engine's own shuffler is not consulted either: a reversing one changes nothing
        EngineComponents reversing = new EngineComponents() {
            @Override
            public Shuffler shuffler(long seed) {
                return (n, epoch) -> {
                    int[] o = new int[n];
                    for (int i = 0; i < n; i++) {
                        o[i] = n - 1 - i;
                    }
                    return o;
                };
            }
        };
        RunSpec noShuffle = spec.withTraining(spec.training().withEpochs(2).withBatchSize(32).withDropLast(true));
        LockstepResult r = new LockstepRun(noShuffle, Datasets.iris(), reversing, TolerancePolicy.DOUBLE).run(e -> { });
        assertTrue(r.passed(), () -> ParityReport.verdictLine(r));
        assertEquals(8, r.steps());
        // and with shuffling on, the same reversing shuffler is caught at the first step as a batch-order divergence
        RunSpec shuffled = noShuffle.withTraining(noShuffle.training().withShuffle(true));
        LockstepResult caught = new LockstepRun(shuffled, Datasets.iris(), reversing, TolerancePolicy.DOUBLE).run(e -> { });
        assertEquals(Quantity.BATCH, caught.divergence().quantity());
        assertEquals(1, caught.divergence().globalStep());
    }

    @Test
    void droppingTheOnlyBatchIsRefused() {
        RunSpec spec = RunSpec.irisDefault().withTraining(RunSpec.irisDefault().training().withBatchSize(200).withDropLast(true));
        LockstepException e = assertThrows(LockstepException.class, () -> LockstepRun.of(spec));
        assertEquals("training.dropLast: batch size 200 is larger than the 150 training examples, so every epoch would be empty",
                e.getMessage());
    }
}
