package lockstep.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import lockstep.linalg.DType;
import lockstep.spec.LabelEncoding;
import lockstep.spec.LossType;
import lockstep.spec.RunSpec;
import org.junit.jupiter.api.Test;

/** Labels reach both sides encoded for the loss: one-hot, -1/+1 for the hinge losses, 1/2 for MAPE. */
class LabelEncodingTest {
    private static final Dataset DATA = new Dataset("t", new double[] {0, 0, 0, 0}, 2, new int[] {1, 0}, 3);

    @Test
    void batchesCarryTheEncodedLabels() {
        assertArrayEquals(new double[] {0, 1, 0, 1, 0, 0}, DATA.batch(new int[] {0, 1}, DType.DOUBLE).labels().toDoubleArray());
        assertArrayEquals(new double[] {-1, 1, -1, 1, -1, -1},
                DATA.batch(new int[] {0, 1}, DType.FLOAT, LabelEncoding.MINUS_ONE_ONE).labels().toDoubleArray());
        assertArrayEquals(new double[] {1, 2, 1, 2, 1, 1},
                DATA.batch(new int[] {0, 1}, DType.DOUBLE, LabelEncoding.ONE_TWO).labels().toDoubleArray());
    }

    @Test
    void eachLossNamesItsEncoding() {
        assertEquals(LabelEncoding.MINUS_ONE_ONE, LossType.HINGE.labels());
        assertEquals(LabelEncoding.MINUS_ONE_ONE, LossType.SQUARED_HINGE.labels());
        assertEquals(LabelEncoding.ONE_TWO, LossType.MEAN_ABSOLUTE_PERCENTAGE_ERROR.labels());
        assertEquals(LabelEncoding.ZERO_ONE, LossType.XENT.labels());
    }

    @Test
    void theRunDescriptionShowsANonOneHotEncoding() {
        RunSpec hinge = RunSpec.irisDefault().withNetwork(new lockstep.spec.NetworkSpec(RunSpec.irisDefault().network().layers(),
                LossType.HINGE, RunSpec.irisDefault().network().weightInit(), RunSpec.irisDefault().network().updater()));
        assertEquals("iris  4-16(tanh)-3(softmax)  HINGE (labels -1/+1)  SGD lr=0.1  batch 16  DOUBLE  seed 42", hinge.describe());
    }
}
