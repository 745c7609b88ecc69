package lockstep.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import lockstep.comparison.Divergence;
import lockstep.comparison.Quantity;
import lockstep.comparison.TolerancePolicy;
import lockstep.data.Dataset;
import lockstep.engine.EngineComponents;
import lockstep.engine.Parameter;
import lockstep.engine.activations.Activation;
import lockstep.engine.layers.ConvolutionLayer;
import lockstep.engine.layers.SubsamplingLayer;
import lockstep.linalg.ConvShape;
import lockstep.linalg.DType;
import lockstep.linalg.Matrix;
import lockstep.rand.SplitMix64;
import lockstep.report.ParityReport;
import lockstep.spec.ActivationType;
import lockstep.spec.DataSpec;
import lockstep.spec.InputShape;
import lockstep.spec.LayerSpec;
import lockstep.spec.LossType;
import lockstep.spec.NetworkSpec;
import lockstep.spec.RunSpec;
import lockstep.spec.TrainingSpec;
import lockstep.spec.UpdaterSpec;
import lockstep.spec.UpdaterType;
import lockstep.spec.WeightInit;
import lockstep.spec.WindowSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code compare} on a convolutional network (conv, batch norm, max pooling, dense, softmax) over small images: both
 * sides from the seed, step by step, in DOUBLE and FLOAT; and its twins, planted convolution and pooling bugs that the
 * first-divergence report finds at the right step, layer, parameter and [out, in, kh, kw] element.
 */
class ConvolutionalCompareTest {
    private static final int SIDE = 6;

    /** 90 images 1x6x6 of three classes (top half bright, left half bright, a checkerboard), values in [0, 1). */
    static Dataset images() {
        SplitMix64 r = new SplitMix64(3);
        int n = 90;
        double[] x = new double[n * SIDE * SIDE];
        int[] classes = new int[n];
        for (int i = 0; i < n; i++) {
            classes[i] = i % 3;
            for (int h = 0; h < SIDE; h++) {
                for (int w = 0; w < SIDE; w++) {
                    boolean bright = switch (classes[i]) {
                        case 0 -> h < SIDE / 2;
                        case 1 -> w < SIDE / 2;
                        default -> (h + w) % 2 == 0;
                    };
                    x[i * SIDE * SIDE + h * SIDE + w] = r.nextDouble() * 0.5 + (bright ? 0.5 : 0);
                }
            }
        }
        return new Dataset("images", x, SIDE * SIDE, classes, 3);
    }

    static RunSpec spec(DType dtype) {
        return spec(dtype, ActivationType.RELU);
    }

    /** The network with {@code convActivation} on its convolution (IDENTITY: batch normalisation cancels its bias). */
    static RunSpec spec(DType dtype, ActivationType convActivation) {
        NetworkSpec net = new NetworkSpec(List.of(
                LayerSpec.convolution(1, 4, convActivation, new WindowSpec(3, 3, 1, 1, 0, 0, WindowSpec.Mode.TRUNCATE, null)),
                LayerSpec.batchNormalization(4),
                LayerSpec.subsampling(4, new WindowSpec(2, 2, 2, 2, 0, 0, WindowSpec.Mode.TRUNCATE, WindowSpec.Pooling.MAX)),
                new LayerSpec(16, 8, ActivationType.TANH),
                new LayerSpec(8, 3, ActivationType.SOFTMAX)),
                LossType.MCXENT, WeightInit.XAVIER, new UpdaterSpec(UpdaterType.ADAM, 0.01))
                .withInput(new InputShape(SIDE, SIDE, 1));
        return new RunSpec(DataSpec.csv("images.csv", 36, 3), net, new TrainingSpec(16, 3, 42, dtype));
    }

    private static LockstepResult run(DType dtype, EngineComponents components) {
        return run(spec(dtype), components);
    }

    private static LockstepResult run(RunSpec spec, EngineComponents components) {
        DType dtype = spec.training().dataType();
        return new LockstepRun(spec, images(), components, TolerancePolicy.defaultFor(dtype)).run(e -> { });
    }

    /**
     * A convolution with the identity activation straight into batch normalisation: its bias cancels, so both sides'
     * gradients for it are rounding noise (and Adam turns noise into steps). The step check still holds it to the
     * absolute noise bound; the trajectory leaves it out, and the run passes in DOUBLE and FLOAT over 6 epochs.
     */
    @ParameterizedTest
    @EnumSource(DType.class)
    void aBiasThatBatchNormCancelsIsJudgedByTheStepCheckOnly(DType dtype) {
        RunSpec spec = spec(dtype, ActivationType.IDENTITY);
        spec = spec.withTraining(spec.training().withEpochs(6));
        assertEquals(java.util.Set.of("0_b"), spec.network().biasesCancelledByBatchNorm());
        LockstepResult r = run(spec, new EngineComponents());
        assertTrue(r.passed(), () -> ParityReport.verdictLine(r));
    }

    /** The twin: a cancelled bias whose gradient is not zero (Σ|δ| instead of Σδ) is caught by the step check at step 1. */
    @Test
    void aCancelledBiasWithANonZeroGradientIsCaught() {
        EngineComponents planted = new EngineComponents() {
            @Override
            public ConvolutionLayer convolutionLayer(Parameter weights, Parameter bias, ConvShape shape, Activation activation) {
                return new ConvolutionLayer(weights, bias, shape, activation, matMul()) {
                    @Override
                    protected void sumWindows(Matrix delta, Matrix db) {
                        for (int c = 0; c < delta.rows(); c++) {
                            double sum = db.get(c);
                            for (int q = 0; q < delta.cols(); q++) {
                                sum += Math.abs(delta.get(c, q));
                            }
                            db.set(c, sum);
                        }
                    }
                };
            }
        };
        Divergence d = run(spec(DType.DOUBLE, ActivationType.IDENTITY), planted).divergence();
        assertNotNull(d, "the planted bug is caught");
        assertEquals(1, d.globalStep());
        assertEquals(Quantity.GRADIENT, d.quantity());
        assertEquals("0_b", d.parameter());
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void aConvolutionalNetworkAgreesStepByStep(DType dtype) {
        LockstepResult r = run(dtype, new EngineComponents());
        assertTrue(r.passed(), () -> ParityReport.verdictLine(r));
        assertEquals(18, r.steps(), "3 epochs of ceil(90/16) steps");
        assertEquals(10, r.parameterCount(), "conv b, W; BN gamma, beta, mean, log10stdev; two dense W, b");
    }

    /** One element of a convolution's dW off by 1e-6 relative: found at step 1 as that element, [out, in, kh, kw]. */
    @Test
    void aWrongKernelGradientElementIsNamedInTheKernelsOwnIndices() {
        int element = ((2 * 1 + 0) * 3 + 1) * 3 + 2;        // W[2, 0, 1, 2] of W [4, 1, 3, 3]
        EngineComponents planted = new EngineComponents() {
            @Override
            public ConvolutionLayer convolutionLayer(Parameter weights, Parameter bias, ConvShape shape, Activation activation) {
                return new ConvolutionLayer(weights, bias, shape, activation, matMul()) {
                    @Override
                    public Matrix backwardFromPreActivation(Matrix delta, boolean inputGradient) {
                        Matrix dx = super.backwardFromPreActivation(delta, inputGradient);
                        Matrix dW = weights.gradient();
                        dW.set(element, dW.get(element) * (1 + 1e-6));
                        return dx;
                    }
                };
            }
        };
        Divergence d = run(DType.DOUBLE, planted).divergence();
        assertNotNull(d, "the planted bug is caught");
        assertEquals(1, d.globalStep());
        assertEquals(Quantity.GRADIENT, d.quantity());
        assertEquals("0_W", d.parameter());
        assertEquals("[2,0,1,2]", d.element());
        assertEquals(0, d.layer());
    }

    /**
     * Max pooling that keeps each window's first element instead of its maximum is caught at step 1, in the loss.
     * (Which of several equal maxima gets the gradient is pinned against DL4J layer by layer in SubsamplingParityTest;
     * in a network it hardly ever shows: ties come from ReLU's zeros, whose gradient ReLU stops anyway, or from constant
     * regions, whose columns are equal wherever the gradient lands.)
     */
    @Test
    void poolingThatMissesTheMaximumIsCaught() {
        EngineComponents planted = new EngineComponents() {
            @Override
            public SubsamplingLayer subsamplingLayer(int index, ConvShape shape, SubsamplingLayer.Pooling pooling, DType dtype) {
                return new SubsamplingLayer(index, shape, pooling, false, dtype) {
                    @Override
                    protected boolean takesOver(double v, double best) {
                        return false;
                    }
                };
            }
        };
        Divergence d = run(DType.DOUBLE, planted).divergence();
        assertNotNull(d, "the planted bug is caught");
        assertEquals(1, d.globalStep());
        assertEquals(Quantity.LOSS, d.quantity(), d.describe());
    }
}
