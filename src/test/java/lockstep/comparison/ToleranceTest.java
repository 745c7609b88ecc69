package lockstep.comparison;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ToleranceTest {
    private final Tolerance tol = new Tolerance(1e-10, 1e-3, 0.0);

    @Test
    void nanOrInfinityNeverPasses() {
        assertFalse(TensorDiff.of(new double[] {1, Double.NaN}, new double[] {1, Double.NaN}, tol).passed());
        assertFalse(TensorDiff.of(new double[] {1, 2}, new double[] {1, Double.POSITIVE_INFINITY}, tol).passed());
        assertFalse(TensorDiff.of(new double[] {Double.NEGATIVE_INFINITY}, new double[] {Double.NEGATIVE_INFINITY}, tol).passed());
    }

    @Test
    void relativeDifferenceIsJudgedAgainstTheLargerValueOrTheFloor() {
        assertEquals(0.5, tol.error(1.0, 2.0, 2.0), 0.0);
        // a tiny element is measured against 1e-3 of the tensor's largest (here 1): 1e-12 / 1e-3
        assertEquals(1e-9, tol.error(1e-9, 1e-9 + 1e-12, 1.0), 1e-15);
        assertEquals(0.0, tol.error(0.0, 0.0, 0.0), 0.0);
    }

    @Test
    void differencesWithinTheAbsoluteToleranceCountAsNone() {
        Tolerance t = new Tolerance(1e-10, 1.0, 1e-13);
        // a gradient that is exactly zero on one side and rounding noise on the other
        assertTrue(TensorDiff.of(new double[] {0.0, 0.0}, new double[] {2e-17, -1e-17}, t).passed());
        assertFalse(TensorDiff.of(new double[] {0.0, 0.0}, new double[] {2e-12, -1e-17}, t).passed());
        // above the absolute tolerance the relative difference is reported in full
        assertEquals(1e-12, TensorDiff.of(new double[] {1.0}, new double[] {1.0 + 1e-12}, t).worstError(), 1e-15);
    }

    @Test
    void firstFailingElementIsReportedInRowMajorOrder() {
        TensorDiff d = TensorDiff.of(new double[] {1, 2, 3.1, 4.5}, new double[] {1, 2, 3, 4}, tol);
        assertFalse(d.passed());
        assertEquals(2, d.firstFailIndex());
        assertEquals(3, d.worstIndex());
        assertTrue(TensorDiff.of(new double[] {1, 2}, new double[] {1, 2 + 1e-12}, tol).passed());
    }

    @Test
    void gradientsAreCheckedOutputLayerFirst() {
        assertEquals(java.util.List.of("2_W", "2_b", "1_W", "1_b", "0_W", "0_b"),
                StepComparison.backpropOrder(java.util.List.of("0_W", "0_b", "1_W", "1_b", "2_W", "2_b")));
    }
}
