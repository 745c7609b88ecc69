package lockstep.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import lockstep.data.Batch;
import lockstep.engine.train.MiniBatchStep;
import lockstep.linalg.DType;
import lockstep.linalg.Matrix;
import lockstep.spec.ActivationType;
import lockstep.spec.LayerSpec;
import lockstep.spec.LossType;
import lockstep.spec.NetworkSpec;
import lockstep.spec.UpdaterSpec;
import lockstep.spec.UpdaterType;
import lockstep.spec.WeightInit;
import org.junit.jupiter.api.Test;

/**
 * A 2-2-2 network (sigmoid hidden, softmax output, MCXENT) on a batch of two examples, with every
 * number worked out by hand (in 40-digit decimal arithmetic, independently of the engine):
 * <pre>
 *   x1 = [1, 2]   y1 = [1, 0]        W0 = [[0.1, 0.2], [0.3, 0.4]]  b0 = [0.01, -0.02]
 *   x2 = [0.5,-1] y2 = [0, 1]        W1 = [[0.5,-0.6], [0.7, 0.8]]  b1 = [0.03,  0.04]
 *
 *   example 1: z0 = x1·W0 + b0 = [0.71, 0.98]      h = σ(z0) = [0.6704011598088686, 0.7271082163411295]
 *              z1 = h·W1 + b1 = [0.8741763313432250, 0.2194458771875825]
 *              p = softmax(z1) = [0.6580756665604591, 0.3419243334395409]
 *   example 2: z0 = [-0.24, -0.32]                 h = [0.4402863507328071, 0.4206757478512505]
 *              z1 = [0.5446161988622789, 0.1123687878413162]
 *              p = [0.6064102015423186, 0.3935897984576814]
 *   L = -(ln 0.65807... + ln 0.39358...)/2 = 0.6754406960940233
 *   δ1 = (p - y)/B,  dW1 = Σ hᵀδ1,  db1 = Σ δ1,  δ0 = (δ1·W1ᵀ) ⊙ h(1-h),  dW0 = Σ xᵀδ0,  db0 = Σ δ0
 * </pre>
 */
class HandComputedExampleTest {
    private static final double[] W0 = {0.1, 0.2, 0.3, 0.4};
    private static final double[] B0 = {0.01, -0.02};
    private static final double[] W1 = {0.5, -0.6, 0.7, 0.8};
    private static final double[] B1 = {0.03, 0.04};

    private static final double LOSS = 6.754406960940233e-1;
    private static final double[] DW0 = {-4.579563049995441e-4, -3.024072482229394e-4, -1.653002002127404e-1, 1.417386680855385e-2};
    private static final double[] DB0 = {4.063811559568578e-2, -3.997077574472872e-3};
    private static final double[] DW1 = {1.888383248973546e-2, -1.888383248973546e-2, 3.243036413794088e-3, -3.243036413794088e-3};
    private static final double[] DB1 = {1.322429340513888e-1, -1.322429340513888e-1};

    private final NetworkSpec spec = new NetworkSpec(
            List.of(new LayerSpec(2, 2, ActivationType.SIGMOID), new LayerSpec(2, 2, ActivationType.SOFTMAX)),
            LossType.MCXENT, WeightInit.ZERO, new UpdaterSpec(UpdaterType.SGD, 0.5));

    private Network handSetNetwork() {
        Network net = NetworkBuilder.build(spec, DType.DOUBLE, 1, new EngineComponents());
        set(net.parameter("0_W").value(), W0);
        set(net.parameter("0_b").value(), B0);
        set(net.parameter("1_W").value(), W1);
        set(net.parameter("1_b").value(), B1);
        return net;
    }

    private static Batch batch() {
        Matrix x = Matrix.of(DType.DOUBLE, 2, 2, new double[] {1, 2, 0.5, -1});
        Matrix y = Matrix.of(DType.DOUBLE, 2, 2, new double[] {1, 0, 0, 1});
        return new Batch(new int[] {0, 1}, x, y);
    }

    @Test
    void lossAndGradientsMatchTheHandComputation() {
        Network net = handSetNetwork();
        Batch b = batch();
        net.forward(b.features());
        assertEquals(LOSS, net.score(b.labels()), 1e-15);
        net.backward(b.labels());
        assertArrayEquals(DW0, net.parameter("0_W").gradient().toDoubleArray(), 1e-16);
        assertArrayEquals(DB0, net.parameter("0_b").gradient().toDoubleArray(), 1e-16);
        assertArrayEquals(DW1, net.parameter("1_W").gradient().toDoubleArray(), 1e-16);
        assertArrayEquals(DB1, net.parameter("1_b").gradient().toDoubleArray(), 1e-16);
    }

    @Test
    void forwardPassCachesTheHandComputedActivations() {
        Network net = handSetNetwork();
        net.forward(batch().features());
        assertArrayEquals(new double[] {0.71, 0.98, -0.24, -0.32},
                ((lockstep.engine.layers.DenseLayer) net.layers().get(0)).preActivation().toDoubleArray(), 1e-15);
        assertArrayEquals(new double[] {6.704011598088686e-1, 7.271082163411295e-1, 4.402863507328071e-1, 4.206757478512505e-1},
                net.layers().get(0).output().toDoubleArray(), 1e-15);
        assertArrayEquals(new double[] {6.580756665604591e-1, 3.419243334395409e-1, 6.064102015423186e-1, 3.935897984576814e-1},
                net.layers().get(1).output().toDoubleArray(), 1e-15);
    }

    @Test
    void sgdStepSubtractsLearningRateTimesGradient() {
        Network net = handSetNetwork();
        MiniBatchStep step = new MiniBatchStep(net, new EngineComponents().optimizer(spec));
        double loss = step.step(batch());
        assertEquals(LOSS, loss, 1e-15);
        double[] expected = new double[4];
        for (int i = 0; i < 4; i++) {
            expected[i] = W1[i] - 0.5 * DW1[i];
        }
        assertArrayEquals(expected, net.parameter("1_W").value().toDoubleArray(), 1e-15);
        assertArrayEquals(new double[] {B0[0] - 0.5 * DB0[0], B0[1] - 0.5 * DB0[1]},
                net.parameter("0_b").value().toDoubleArray(), 1e-15);
    }

    @Test
    void aWrongGradientIsNotMistakenForTheHandComputedOne() {
        Network net = handSetNetwork();
        Batch b = batch();
        net.forward(b.features());
        net.backward(b.labels());
        double[] dW0 = net.parameter("0_W").gradient().toDoubleArray();
        dW0[2] *= 1.0 + 1e-9;  // a planted error far below what a loss curve shows
        org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class, () -> assertArrayEquals(DW0, dW0, 1e-16));
    }

    private static void set(Matrix m, double[] values) {
        for (int i = 0; i < values.length; i++) {
            m.set(i, values[i]);
        }
    }
}
