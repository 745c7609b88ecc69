package lockstep.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every whole-matrix operation of {@link ElementOps} refuses arguments of another shape or type, naming both, and
 * writes nothing then. The wrong shape has the same number of elements ([3,2] for [2,3]), so only the check can
 * notice it: the loops over the flat arrays would run without an error.
 */
class ElementOpsShapeTest {

    private static Matrix m(DType dtype, int rows, int cols) {
        double[] v = new double[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = i + 1;
        }
        return Matrix.of(dtype, rows, cols, v);
    }

    private static void assertRefused(String what, Matrix untouched, Executable call) {
        double[] before = untouched.toDoubleArray();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call, what);
        assertEquals(true, e.getMessage().startsWith(what + ": expected "), e.getMessage());
        assertArrayEquals(before, untouched.toDoubleArray(), 0.0, what + " wrote its output");
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void everyOperationRefusesAnotherShape(DType dtype) {
        Matrix x = m(dtype, 2, 3);
        Matrix y = m(dtype, 2, 3);
        Matrix wrong = m(dtype, 3, 2);
        assertRefused("scale", wrong, () -> ElementOps.scale(2.0, x, wrong));
        assertEveryOtherOperationRefuses(x, y, wrong, new Matrix[] {m(dtype, 3, 2)});
    }

    /** Every operation but scale, given {@code wrong} where x's or y's shape and type belong. */
    private static void assertEveryOtherOperationRefuses(Matrix x, Matrix y, Matrix wrong, Matrix[] state) {
        assertRefused("addScaled", wrong, () -> ElementOps.addScaled(2.0, x, wrong));
        assertRefused("addScaledSign", wrong, () -> ElementOps.addScaledSign(2.0, x, wrong));
        assertRefused("multiply", y, () -> ElementOps.multiply(x, wrong, y));
        assertRefused("multiply", wrong, () -> ElementOps.multiply(x, y, wrong));
        assertRefused("add", y, () -> ElementOps.add(x, wrong, y));
        assertRefused("add", wrong, () -> ElementOps.add(x, y, wrong));
        assertRefused("subtract", wrong, () -> ElementOps.subtract(wrong, x));
        assertRefused("update", wrong, () -> ElementOps.updateWithState(x, wrong, state, new double[state.length], 1.0,
                (g, s, step) -> g));
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void everyOperationRefusesAnotherType(DType dtype) {
        DType other = dtype == DType.FLOAT ? DType.DOUBLE : DType.FLOAT;
        Matrix x = m(dtype, 2, 3);
        Matrix y = m(dtype, 2, 3);
        Matrix wrong = m(other, 2, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ElementOps.scale(2.0, x, wrong));
        assertEquals("scale: expected " + dtype + "[2,3] but got " + other + "[2,3]", e.getMessage());
        assertEveryOtherOperationRefuses(x, y, wrong, new Matrix[0]);
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void sumOfSquaresRunsOverEveryMatrixInOrder(DType dtype) {
        // 1² + 2² + ... + 6² = 91, then 1 + 4 = 5 more: 96, exact in both types
        assertEquals(96.0, ElementOps.sumOfSquares(List.of(m(dtype, 2, 3), m(dtype, 1, 2))));
        assertEquals(0.0, ElementOps.sumOfSquares(List.of()));
    }
}
