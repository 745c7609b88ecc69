package lockstep.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Pins a DL4J 1.0.0-M2.1 softmax quirk found by {@code lockstep demo init}: on a DOUBLE batch of two or more rows,
 * ND4J's softmax shifts each row by max(0, row max) instead of the row's max, so a row whose logits are all very
 * negative is exponentiated unshifted: below ln(Double.MIN_NORMAL) = -708 its exps are subnormal and lose precision,
 * below -745 they are all 0 and the row is NaN. A single row, and every row of a FLOAT batch, is shifted by its max.
 * The engine shifts by the row's max; both agree to rounding unless a row's largest logit is below about -708 in a
 * DOUBLE batch.
 */
class SoftmaxShiftTest {

    private static double[] softmax(double[] values, int rows, DataType type) {
        Nd4jRuntime.init();
        INDArray z = Nd4j.create(values, new long[] {rows, values.length / rows}, 'c').castTo(type);
        return Activation.SOFTMAX.getActivationFunction().getActivation(z.dup(), false).castTo(DataType.DOUBLE).data().asDouble();
    }

    /** p_0 of softmax(z) for z = (a, a-1, a-2), computed without a shift, in double. */
    private static double unshifted(double a) {
        double e0 = Math.exp(a);
        return e0 / (e0 + Math.exp(a - 1) + Math.exp(a - 2));
    }

    private static final double SHIFTED = 1 / (1 + Math.exp(-1) + Math.exp(-2));   // 0.6652409557748219

    @Test
    void aSingleRowIsShiftedByItsMax() {
        assertEquals(SHIFTED, softmax(new double[] {-1000, -1001, -1002}, 1, DataType.DOUBLE)[0], 1e-15);
    }

    @Test
    void inABatchARowOfNegativeLogitsIsNotShifted() {
        double[] p = softmax(new double[] {-740, -741, -742, 0, 0, 0}, 2, DataType.DOUBLE);
        assertEquals(unshifted(-740), p[0], 1e-15, "exp of subnormals: the textbook shift would give " + SHIFTED);
        assertTrue(Math.abs(p[0] - SHIFTED) > 1e-3, "precision lost: " + p[0]);
        assertTrue(Double.isNaN(softmax(new double[] {-1000, -1001, -1002, 0, 0, 0}, 2, DataType.DOUBLE)[0]), "0/0");
        assertEquals(SHIFTED, softmax(new double[] {1000, 999, 998, 0, 0, 0}, 2, DataType.DOUBLE)[0], 1e-15,
                "a positive max is subtracted");
        assertEquals(SHIFTED, softmax(new double[] {-700, -701, -702, 0, 0, 0}, 2, DataType.DOUBLE)[0], 1e-13,
                "above -708 the unshifted exps are normal numbers and the result agrees to rounding");
    }

    @Test
    void inFloatABatchIsShiftedByEachRowsMax() {
        assertEquals(SHIFTED, softmax(new double[] {-800, -801, -802, 0, 0, 0}, 2, DataType.FLOAT)[0], 1e-7);
        assertEquals(SHIFTED, softmax(new double[] {-110, -111, -112}, 1, DataType.FLOAT)[0], 1e-7);
    }
}
