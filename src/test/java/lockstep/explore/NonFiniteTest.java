package lockstep.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Where a side's losses first stop being numbers, in the order they were computed. */
class NonFiniteTest {
    private static final double NAN = Double.NaN;
    private static final double INF = Double.POSITIVE_INFINITY;

    @Test
    void allFinite() {
        assertNull(SideCurves.firstNonFinite(new double[] {1, 2, 3, 4}, new double[] {1, 2}, 2));
    }

    @Test
    void aTrainingLossAtStepFive() {
        SideCurves.NonFinite n = SideCurves.firstNonFinite(new double[] {1, 1, 1, 1, INF, NAN}, new double[] {1, 1, NAN}, 2);
        assertEquals(new SideCurves.NonFinite("training loss", 5, 3, INF), n);
    }

    @Test
    void aValidationLossAfterEpochOneComesBeforeStepThree() {
        SideCurves.NonFinite n = SideCurves.firstNonFinite(new double[] {1, 1, NAN, NAN}, new double[] {NAN, NAN}, 2);
        assertEquals(new SideCurves.NonFinite("validation loss", 2, 1, NAN), n);
    }

    @Test
    void theTrainingLossOfAnEpochsLastStepComesBeforeItsValidation() {
        SideCurves.NonFinite n = SideCurves.firstNonFinite(new double[] {1, NAN}, new double[] {NAN}, 2);
        assertEquals(new SideCurves.NonFinite("training loss", 2, 1, NAN), n);
    }
}
