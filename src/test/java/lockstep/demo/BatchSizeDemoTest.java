package lockstep.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import lockstep.data.Datasets;
import lockstep.spec.RunSpec;
import org.junit.jupiter.api.BeforeAll;
import lockstep.report.BatchSizeDemoText;
import org.junit.jupiter.api.Test;

/** Epochs against steps on Iris: the arithmetic, and what batch size does per epoch and per step. */
class BatchSizeDemoTest {
    private static BatchSizeDemo.Result result;

    @BeforeAll
    static void run() {
        result = BatchSizeDemo.run(RunSpec.irisDefault(), Datasets.iris(), List.of(4, 16, 150), List.of(0.03, 0.3), 5);
    }

    @Test
    void stepsPerEpochIsCeilNOverB() {
        assertEquals(38, result.get(4, 0.03).stepsPerEpoch());
        assertEquals(10, result.get(16, 0.03).stepsPerEpoch());
        assertEquals(1, result.get(150, 0.03).stepsPerEpoch());
        assertEquals("B = 128 -> 391 steps (390 of 128, the last of 80; 390 with --drop-last)", BatchSizeDemo.arithmetic(50_000, 128));
        assertEquals("B = 150 -> 1 step", BatchSizeDemo.arithmetic(150, 150));
        assertTrue(Double.isNaN(result.get(150, 0.03).afterStep()[1]), "5 epochs of B = 150 are 5 steps: no step 20");
        assertTrue(Double.isNaN(result.get(4, 0.03).afterEpoch()[3]), "no epoch 20 in a 5-epoch run");
    }

    @Test
    void atASmallLearningRateTheSmallBatchWinsPerEpochButNotPerStep() {
        BatchSizeDemo.Curve small = result.get(4, 0.03);
        BatchSizeDemo.Curve large = result.get(150, 0.03);
        assertTrue(small.afterEpoch()[2] < 0.6 * large.afterEpoch()[2], "after 5 epochs: 190 steps against 5");
        assertEquals("about the same", BatchSizeDemoText.verdict(small.afterStep()[0], large.afterStep()[0], 4, 150),
                "after 5 steps: " + small.afterStep()[0] + " and " + large.afterStep()[0]);
    }

    /**
     * The curves follow the engine (DL4J is checked against it at every step), so they are the same on every CPU
     * whatever BLAS kernel DL4J gets: this holds under OPENBLAS_CORETYPE=Prescott, Haswell and SkylakeX alike.
     */
    @Test
    void atALargeLearningRateTheLargeBatchIsAheadPerStepAndTheSmallBatchWanders() {
        BatchSizeDemo.Curve small = result.get(4, 0.3);
        BatchSizeDemo.Curve large = result.get(150, 0.3);
        assertTrue(large.afterStep()[0] < small.afterStep()[0], "after 5 steps: " + large.afterStep()[0] + " against " + small.afterStep()[0]);
        boolean rises = false;
        for (int k = 0; k + 1 < small.afterEpoch().length; k++) {
            rises |= small.afterEpoch()[k + 1] > small.afterEpoch()[k];
        }
        assertTrue(rises, "at lr 0.3 the loss of B = 4 rises between two of the epochs shown: "
                + java.util.Arrays.toString(small.afterEpoch()));
        double[] calm = result.get(4, 0.03).afterEpoch();
        assertTrue(calm[0] > calm[1] && calm[1] > calm[2], "at lr 0.03 it falls every epoch");
    }

    @Test
    void bothSidesAgreeAtEveryStep() {
        assertTrue(result.passed());
        for (BatchSizeDemo.Curve c : result.curves()) {
            assertTrue(c.worstError() < 1e-12, c.batchSize() + " " + c.learningRate() + ": " + c.worstError());
        }
    }
}
