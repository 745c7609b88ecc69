package lockstep.engine.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import lockstep.engine.Parameter;
import lockstep.engine.activations.Identity;
import lockstep.engine.layers.BatchNormLayer;
import lockstep.engine.layers.ConvolutionLayer;
import lockstep.engine.layers.Layer;
import lockstep.engine.layers.SubsamplingLayer;
import lockstep.linalg.ConvShape;
import lockstep.linalg.DType;
import lockstep.linalg.Im2Col;
import lockstep.linalg.Matrix;
import lockstep.linalg.NaiveMatMul;
import lockstep.rand.SplitMix64;
import lockstep.spec.ParameterKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.opentest4j.AssertionFailedError;

/**
 * The autograd's Conv2d, MaxPool2d, AvgPool2d and BatchNorm, composed of ops, against the matrix engine's hand-derived
 * layers from the same parameters, input and dL/dy: outputs, parameter gradients, dL/dx and batch normalisation's
 * running-statistic steps agree to 1e-12 of each tensor's largest element (DOUBLE; the two sum in different orders).
 * The windows of {@link Tensor#unfold} are the engine's im2col columns exactly: two independent index computations.
 * Each comparison has a twin with a planted bug that it catches.
 */
class ConvolutionModulesTest {
    private static final double TOLERANCE = 1e-12;
    private static final int BATCH = 3;

    static Stream<ConvShape> shapes() {
        return Stream.of(
                ConvShape.truncate(2, 5, 6, 3, 3, 1, 1, 0, 0),
                ConvShape.truncate(3, 7, 5, 3, 2, 2, 1, 1, 1),
                ConvShape.same(2, 6, 7, 3, 3, 2, 2),     // more padding after than before
                ConvShape.same(1, 5, 5, 4, 4, 1, 1),
                ConvShape.truncate(4, 3, 3, 1, 1, 1, 1, 0, 0));
    }

    static Matrix random(int rows, int cols, long seed) {
        SplitMix64 r = new SplitMix64(seed);
        Matrix m = Matrix.zeros(DType.DOUBLE, rows, cols);
        for (int i = 0; i < m.size(); i++) {
            m.set(i, r.nextDouble() * 2 - 1);
        }
        return m;
    }

    /** Values from {-1, -0.5, 0, 0.5}: windows full of ties. */
    private static Matrix coarse(int rows, int cols, long seed) {
        SplitMix64 r = new SplitMix64(seed);
        Matrix m = Matrix.zeros(DType.DOUBLE, rows, cols);
        for (int i = 0; i < m.size(); i++) {
            m.set(i, r.nextInt(4) * 0.5 - 1);
        }
        return m;
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void unfoldedWindowsAreTheEnginesIm2colColumns(ConvShape g) {
        Matrix x = random(BATCH, g.inputSize(), 1);
        Matrix u = Tensor.constant(x).unfold(g, 0.0).data();                   // [B·P, K]
        Matrix cols = x.like(g.patchSize(), g.windows());
        for (int b = 0; b < BATCH; b++) {
            Im2Col.im2col(x.view(b * g.inputSize(), g.channels(), g.height() * g.width()), g, cols);
            for (int k = 0; k < g.patchSize(); k++) {
                for (int p = 0; p < g.windows(); p++) {
                    assertEquals(cols.get(k, p), u.get(b * g.windows() + p, k), "example " + b + " k " + k + " p " + p);
                }
            }
        }
    }

    /** What a module and a layer produced from the same input and dL/dy. */
    private record Pass(Matrix y, Matrix dx, List<Matrix> gradients) {
    }

    /** The module forward on x, then backward from L = Σ y ⊙ G (so dL/dy = G); x is a variable. */
    private static Pass autograd(Module m, Matrix x, Matrix g) {
        m.parameters().forEach(p -> p.gradient().fill(0.0));
        Tensor in = Tensor.variable(x.copy());
        Tensor y = m.forward(in);
        y.mul(Tensor.constant(g)).sum().backward();
        return new Pass(y.data(), in.grad(), m.parameters().stream().map(Parameter::gradient).toList());
    }

    private static Pass engine(Layer layer, Matrix x, Matrix g) {
        Matrix y = layer.forward(x).copy();
        Matrix dx = layer.backward(g, true).copy();
        return new Pass(y, dx, layer.parameters().stream().map(Parameter::gradient).toList());
    }

    /** Every tensor of the two passes within {@link #TOLERANCE} of its largest element. */
    private static void assertSame(Pass engine, Pass autograd) {
        assertClose("output", engine.y(), autograd.y());
        assertClose("dL/dx", engine.dx(), autograd.dx());
        assertEquals(engine.gradients().size(), autograd.gradients().size());
        for (int i = 0; i < engine.gradients().size(); i++) {
            assertClose("gradient of parameter " + i, engine.gradients().get(i), autograd.gradients().get(i));
        }
    }

    private static void assertClose(String what, Matrix expected, Matrix actual) {
        assertEquals(expected.shape(), actual.shape(), what);
        double scale = 0;
        for (int i = 0; i < expected.size(); i++) {
            scale = Math.max(scale, Math.abs(expected.get(i)));
        }
        for (int i = 0; i < expected.size(); i++) {
            double diff = Math.abs(expected.get(i) - actual.get(i));
            if (!(diff <= TOLERANCE * scale)) {
                throw new AssertionFailedError(what + " element " + i + ": engine " + expected.get(i) + ", autograd "
                        + actual.get(i));
            }
        }
    }

    private static Parameter parameter(ParameterKey key, Matrix value) {
        return new Parameter(key, value);
    }

    private static Pass conv2d(ConvShape g, ConvShape used, Matrix x, Matrix dy) {
        Parameter w = parameter(ParameterKey.weights(0), random(4, g.patchSize(), 2));
        Parameter b = parameter(ParameterKey.bias(0), random(1, 4, 3));
        return autograd(new Conv2d(w, b, used, new NaiveMatMul()), x, dy);
    }

    private static Pass convolutionLayer(ConvShape g, Matrix x, Matrix dy) {
        Parameter w = parameter(ParameterKey.weights(0), random(4, g.patchSize(), 2));
        Parameter b = parameter(ParameterKey.bias(0), random(1, 4, 3));
        return engine(new ConvolutionLayer(w, b, g, new Identity(), new NaiveMatMul()), x, dy);
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void conv2dIsTheEnginesConvolution(ConvShape g) {
        Matrix x = random(BATCH, g.inputSize(), 4);
        Matrix dy = random(BATCH, 4 * g.windows(), 5);
        assertSame(convolutionLayer(g, x, dy), conv2d(g, g, x, dy));
    }

    /** The twin: Same's padding put before instead of after is caught. */
    @Test
    void aConv2dWithItsPaddingOnTheWrongSideIsCaught() {
        ConvShape g = ConvShape.same(2, 6, 7, 3, 3, 2, 2);
        ConvShape wrong = new ConvShape(g.channels(), g.height(), g.width(), g.kernelH(), g.kernelW(), g.strideH(),
                g.strideW(), g.padTop() + 1, g.padLeft() + 1, g.outH(), g.outW());
        Matrix x = random(BATCH, g.inputSize(), 4);
        Matrix dy = random(BATCH, 4 * g.windows(), 5);
        assertThrows(AssertionFailedError.class, () -> assertSame(convolutionLayer(g, x, dy), conv2d(g, wrong, x, dy)));
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void poolingIsTheEnginesOnInputsFullOfTies(ConvShape g) {
        Matrix x = coarse(BATCH, g.inputSize(), 6);
        Matrix dy = random(BATCH, g.channels() * g.windows(), 7);
        assertSame(engine(new SubsamplingLayer(0, g, SubsamplingLayer.Pooling.MAX, false, DType.DOUBLE), x, dy),
                autograd(new MaxPool2d(g), x, dy));
        assertSame(engine(new SubsamplingLayer(0, g, SubsamplingLayer.Pooling.AVG, false, DType.DOUBLE), x, dy),
                autograd(new AvgPool2d(g, false), x, dy));
        assertSame(engine(new SubsamplingLayer(0, g, SubsamplingLayer.Pooling.AVG, true, DType.DOUBLE), x, dy),
                autograd(new AvgPool2d(g, true), x, dy));
    }

    /** A tie's gradient goes to the window's first maximum: worked by hand on one 1x2x2 window. */
    @Test
    void aTiesGradientGoesToTheFirstMaximum() {
        ConvShape g = ConvShape.truncate(1, 2, 2, 2, 2, 1, 1, 0, 0);
        Matrix x = Matrix.of(DType.DOUBLE, 1, 4, new double[] {0.5, 1.0, 1.0, -2.0});
        Pass p = autograd(new MaxPool2d(g), x, Matrix.of(DType.DOUBLE, 1, 1, new double[] {3.0}));
        assertEquals(1.0, p.y().get(0));
        assertEquals(List.of(0.0, 3.0, 0.0, 0.0), List.of(p.dx().get(0), p.dx().get(1), p.dx().get(2), p.dx().get(3)));
    }

    /** The twins: max pooling that pads with zeros (on negative inputs), and an average that counts the padding. */
    @Test
    void poolingThatLetsThePaddingInIsCaught() {
        ConvShape g = ConvShape.same(2, 5, 5, 2, 2, 2, 2);                   // 1 row and column of padding after
        Matrix x = random(BATCH, g.inputSize(), 8);
        for (int i = 0; i < x.size(); i++) {
            x.set(i, -Math.abs(x.get(i)));                                  // all negative: a zero in the padding wins
        }
        Matrix dy = random(BATCH, g.channels() * g.windows(), 9);
        Pool2d zeroPadded = new Pool2d(g) {
            @Override
            protected double padding() {
                return 0.0;
            }

            @Override
            protected Tensor reduce(Tensor windows) {
                return windows.rowMax();
            }
        };
        Pass max = engine(new SubsamplingLayer(0, g, SubsamplingLayer.Pooling.MAX, false, DType.DOUBLE), x, dy);
        assertSame(max, autograd(new MaxPool2d(g), x, dy));
        assertThrows(AssertionFailedError.class, () -> assertSame(max, autograd(zeroPadded, x, dy)));
        Pass avg = engine(new SubsamplingLayer(0, g, SubsamplingLayer.Pooling.AVG, false, DType.DOUBLE), x, dy);
        assertThrows(AssertionFailedError.class, () -> assertSame(avg, autograd(new AvgPool2d(g, true), x, dy)));
    }

    /** γ, β, the running mean and log10 σ of layer 0 over C channels; the running ones away from their start values. */
    private static List<Parameter> batchNormParameters(int channels) {
        return List.of(parameter(new ParameterKey(0, ParameterKey.Kind.GAMMA), random(1, channels, 10)),
                parameter(new ParameterKey(0, ParameterKey.Kind.BETA), random(1, channels, 11)),
                parameter(new ParameterKey(0, ParameterKey.Kind.MEAN), random(1, channels, 12)),
                parameter(new ParameterKey(0, ParameterKey.Kind.LOG10_STD), random(1, channels, 13)));
    }

    static Stream<int[]> batchNormShapes() {
        return Stream.of(new int[] {5, 1}, new int[] {3, 12});               // {channels, spatial}: after dense, after conv
    }

    @ParameterizedTest
    @MethodSource("batchNormShapes")
    void batchNormIsTheEnginesInTrainingAndInference(int[] shape) {
        int channels = shape[0];
        int spatial = shape[1];
        Matrix x = random(4, channels * spatial, 14);
        for (int i = 0; i < x.size(); i++) {
            x.set(i, 3 * x.get(i) + 1);                                    // mean 1, not unit variance
        }
        Matrix dy = random(4, channels * spatial, 15);
        for (boolean training : new boolean[] {true, false}) {
            List<Parameter> e = batchNormParameters(channels);
            List<Parameter> a = batchNormParameters(channels);
            BatchNormLayer layer = new BatchNormLayer(e.get(0), e.get(1), e.get(2), e.get(3), spatial,
                    BatchNormLayer.DL4J_DECAY, BatchNormLayer.DL4J_EPS);
            BatchNorm module = new BatchNorm(a.get(0), a.get(1), a.get(2), a.get(3), spatial,
                    BatchNormLayer.DL4J_DECAY, BatchNormLayer.DL4J_EPS);
            layer.setTraining(training);
            module.train(training);
            Pass engine = engine(layer, x, dy);
            Pass autograd = autograd(module, x, dy);
            assertClose("output, training " + training, engine.y(), autograd.y());
            if (training) {      // inference is forward only (validation, testing): the engine has no backward for it
                assertSame(engine, autograd);                               // γ, β and the running statistics' steps
            }
        }
    }

    /** The twin: a different decay moves the running statistics' steps, and the comparison sees it. */
    @Test
    void batchNormWithAnotherDecayIsCaught() {
        Matrix x = random(4, 5, 14);
        Matrix dy = random(4, 5, 15);
        List<Parameter> e = batchNormParameters(5);
        List<Parameter> a = batchNormParameters(5);
        Pass engine = engine(new BatchNormLayer(e.get(0), e.get(1), e.get(2), e.get(3), 1, 0.9, 1e-5), x, dy);
        Pass autograd = autograd(new BatchNorm(a.get(0), a.get(1), a.get(2), a.get(3), 1, 0.99, 1e-5), x, dy);
        AssertionFailedError err = assertThrows(AssertionFailedError.class, () -> assertSame(engine, autograd));
        assertTrue(err.getMessage().startsWith("gradient of parameter 2"), err.getMessage());
    }
}
