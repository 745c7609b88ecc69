package lockstep.dl4j;

import static lockstep.dl4j.LayerParity.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import lockstep.engine.layers.SubsamplingLayer;
import lockstep.linalg.ConvShape;
import lockstep.linalg.DType;
import lockstep.linalg.Matrix;
import lockstep.rand.SplitMix64;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The engine's pooling against DL4J's own {@code SubsamplingLayer}: MAX and AVG, Truncate with padding and strides and
 * Same with uneven padding, overlapping windows, in DOUBLE and FLOAT, on inputs with many ties (values on a coarse
 * grid, as after a ReLU), so that which of several equal maxima gets the gradient is part of what is compared.
 */
class SubsamplingParityTest {

    /** {C, H, W, kh, kw, sh, sw, ph, pw, same (0/1), padInDivisor (0/1)} */
    static Stream<Arguments> cases() {
        int[][] shapes = {
            {2, 6, 6, 2, 2, 2, 2, 0, 0, 0, 1},     // LeNet's pooling
            {3, 7, 5, 3, 3, 2, 1, 1, 1, 0, 1},     // overlapping windows, padding counted
            {3, 7, 5, 3, 3, 2, 1, 1, 1, 0, 0},     // the same, padding not counted
            {2, 7, 6, 3, 2, 2, 2, 0, 0, 1, 1},     // Same: uneven padding
            {1, 5, 5, 3, 3, 1, 1, 0, 0, 1, 0},
        };
        List<Arguments> out = new ArrayList<>();
        for (DType dtype : DType.values()) {
            for (SubsamplingLayer.Pooling pooling : SubsamplingLayer.Pooling.values()) {
                for (int[] s : shapes) {
                    out.add(Arguments.of(dtype, pooling, s));
                }
            }
        }
        return out.stream();
    }

    /** Values on the grid {-1, -0.5, 0, 0.5, 1}: equal maxima in most windows. */
    private static double[] coarse(int n, long seed) {
        SplitMix64 r = new SplitMix64(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = (r.nextInt(5) - 2) * 0.5;
        }
        return v;
    }

    private static double[] fine(int n, long seed) {
        SplitMix64 r = new SplitMix64(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextDouble() * 2 - 1;
        }
        return v;
    }

    private static MultiLayerNetwork dl4j(DataType type, SubsamplingLayer.Pooling pooling, int[] s, Boolean padInDivisor) {
        org.deeplearning4j.nn.conf.layers.SubsamplingLayer.Builder b =
                new org.deeplearning4j.nn.conf.layers.SubsamplingLayer.Builder(PoolingType.valueOf(pooling.name()))
                        .kernelSize(s[3], s[4]).stride(s[5], s[6]).padding(s[7], s[8])
                        .convolutionMode(s[9] == 1 ? ConvolutionMode.Same : ConvolutionMode.Truncate);
        if (padInDivisor != null) {
            b.avgPoolIncludePadInDivisor(padInDivisor);
        }
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).dataType(type).list()
                .layer(b.build()).setInputType(InputType.convolutional(s[1], s[2], s[0])).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void poolingAndItsGradientAreDl4jsWithTies(DType dtype, SubsamplingLayer.Pooling pooling, int[] s) {
        double[] worst = compare(dtype, pooling, s, false);
        assertTrue(worst[0] <= (dtype == DType.DOUBLE ? 1e-15 : 1e-7), "pooled values: " + worst[0]);
        assertTrue(worst[1] <= (dtype == DType.DOUBLE ? 1e-15 : 1e-6), "dL/dx, ties included: " + worst[1]);
    }

    /** The twin: the gradient sent to the last of several equal maxima instead of the first is caught. */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(DType.class)
    void theLastMaximumInsteadOfTheFirstIsCaught(DType dtype) {
        double[] worst = compare(dtype, SubsamplingLayer.Pooling.MAX, new int[] {2, 6, 6, 2, 2, 2, 2, 0, 0, 0, 1}, true);
        assertEquals(0.0, worst[0], "the pooled values are the same");
        assertTrue(worst[1] > 0.1, "but the gradient goes elsewhere: " + worst[1]);
    }

    private static double largestDifference(double[] a, double[] b) {
        double w = 0;
        for (int i = 0; i < a.length; i++) {
            w = Math.max(w, Math.abs(a[i] - b[i]));
        }
        return w;
    }

    /** The largest differences of the pooled values and of dL/dx; {@code lastMaximum} plants the tie bug. */
    private static double[] compare(DType dtype, SubsamplingLayer.Pooling pooling, int[] s, boolean lastMaximum) {
        Nd4jRuntime.init();
        DataType type = dtype == DType.DOUBLE ? DataType.DOUBLE : DataType.FLOAT;
        int c = s[0], h = s[1], w = s[2], batch = 3;
        ConvShape g = s[9] == 1 ? ConvShape.same(c, h, w, s[3], s[4], s[5], s[6])
                : ConvShape.truncate(c, h, w, s[3], s[4], s[5], s[6], s[7], s[8]);
        Layer layer = dl4j(type, pooling, s, s[10] == 1).getLayer(0);
        SubsamplingLayer engine = lastMaximum ? new SubsamplingLayer(0, g, pooling, s[10] == 1, dtype) {
            @Override
            protected boolean takesOver(double v, double best) {
                return v >= best;
            }
        } : new SubsamplingLayer(0, g, pooling, s[10] == 1, dtype);

        double[] xv = coarse(batch * c * h * w, 21);
        Matrix y = engine.forward(Matrix.of(dtype, batch, g.inputSize(), xv));
        LayerWorkspaceMgr none = LayerWorkspaceMgr.noWorkspaces();
        INDArray out = layer.activate(Nd4j.create(xv, new long[] {batch, c, h, w}, 'c').castTo(type), true, none);
        double pooled = largestDifference(values(out), y.toDoubleArray());

        double[] ev = fine(batch * c * g.windows(), 22);
        Matrix dx = engine.backward(Matrix.of(dtype, batch, c * g.windows(), ev), true);
        Pair<Gradient, INDArray> back = layer.backpropGradient(
                Nd4j.create(ev, new long[] {batch, c, g.outH(), g.outW()}, 'c').castTo(type), none);
        return new double[] {pooled, largestDifference(values(back.getSecond()), dx.toDoubleArray())};
    }

    @Test
    void avgPoolingLeavesThePaddingOutOfTheDivisorByDefault() {
        Nd4jRuntime.init();
        MultiLayerNetwork net = dl4j(DataType.DOUBLE, SubsamplingLayer.Pooling.AVG, new int[] {1, 5, 5, 3, 3, 1, 1, 1, 1, 0, 1},
                null);
        org.deeplearning4j.nn.conf.layers.SubsamplingLayer conf =
                (org.deeplearning4j.nn.conf.layers.SubsamplingLayer) net.getLayerWiseConfigurations().getConf(0).getLayer();
        assertFalse(conf.isAvgPoolIncludePadInDivisor(), "DL4J 1.0.0-M2.1's default");
        INDArray ones = Nd4j.ones(DataType.DOUBLE, 1, 1, 5, 5);
        INDArray out = net.getLayer(0).activate(ones, false, LayerWorkspaceMgr.noWorkspaces());
        assertEquals(1.0, out.getDouble(0, 0, 0, 0), 1e-15, "the corner window: 4 inputs of 1 over its 4 places inside");
    }
}
