package lockstep.dl4j;

import static lockstep.dl4j.LayerParity.nd;
import static lockstep.dl4j.LayerParity.random;
import static lockstep.dl4j.LayerParity.values;
import static lockstep.dl4j.LayerParity.worst;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import lockstep.engine.Parameter;
import lockstep.engine.activations.Tanh;
import lockstep.engine.layers.ConvolutionLayer;
import lockstep.linalg.ConvShape;
import lockstep.linalg.DType;
import lockstep.linalg.FastMatMul;
import lockstep.linalg.Matrix;
import lockstep.spec.ParameterKey;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The engine's convolution layer against DL4J's own {@code ConvolutionLayer} (built-in path, NCHW), given the same W, b,
 * input and dL/da: the activations, dW, db and dL/dx, in DOUBLE and FLOAT, Truncate with padding and strides and Same
 * with uneven padding, to the harness's DOUBLE step tolerance (1e-10) under every OpenBLAS kernel family. W travels as DL4J's [Cout, C, kh, kw] in c order, the engine's [Cout, C·kh·kw].
 */
class ConvolutionParityTest {

    /** {C, H, W, Cout, kh, kw, sh, sw, ph, pw, same (0/1)} */
    static Stream<Arguments> cases() {
        int[][] shapes = {
            {2, 5, 6, 3, 3, 3, 1, 1, 0, 0, 0},
            {3, 7, 5, 4, 3, 2, 2, 1, 1, 1, 0},
            {2, 6, 7, 3, 3, 3, 2, 2, 0, 0, 1},
            {1, 5, 5, 2, 4, 4, 1, 1, 0, 0, 1},
            {1, 12, 12, 4, 5, 5, 1, 1, 0, 0, 0},   // LeNet's first layer, smaller
        };
        List<Arguments> out = new ArrayList<>();
        for (DType dtype : DType.values()) {
            for (int[] s : shapes) {
                out.add(Arguments.of(dtype, s));
            }
        }
        return out.stream();
    }

    /** The worst differences between the engine and DL4J: activations, dW, db, dL/dx. */
    private record Worst(double activations, double dW, double db, double dx) {
    }

    /**
     * Runs one case on both sides. {@code engineWeights} is what the engine is given instead of DL4J's W (a planted bug
     * or the identity), {@code engineShape} its geometry (null: the right one).
     */
    private static Worst compare(DType dtype, int[] s, java.util.function.UnaryOperator<double[]> engineWeights,
                                 ConvShape engineShape) {
        int c = s[0], h = s[1], w = s[2], cout = s[3], kh = s[4], kw = s[5], sh = s[6], sw = s[7], ph = s[8], pw = s[9];
        boolean same = s[10] == 1;
        int batch = 3;
        Nd4jRuntime.init();
        DataType type = dtype == DType.DOUBLE ? DataType.DOUBLE : DataType.FLOAT;
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).dataType(type).list()
                .layer(new org.deeplearning4j.nn.conf.layers.ConvolutionLayer.Builder(kh, kw).stride(sh, sw).padding(ph, pw)
                        .convolutionMode(same ? ConvolutionMode.Same : ConvolutionMode.Truncate).nOut(cout)
                        .activation(Activation.TANH).build())
                .setInputType(InputType.convolutional(h, w, c)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        net.initGradientsView();
        Layer dl4j = net.getLayer(0);
        // DL4J's built-in path (im2col and a BLAS gemm) runs: no oneDNN or cuDNN helper (helpers are off by default
        // in M2.x, and cannot be switched on for convolution: Dl4jConvolutionHelperTest)
        assertNull(((org.deeplearning4j.nn.layers.convolution.ConvolutionLayer) dl4j).getHelper(), "DL4J's helper");
        double[] wv = random(cout * c * kh * kw, 11);
        double[] bv = random(cout, 12);
        dl4j.setParam("W", nd(wv, type, cout, c, kh, kw));
        dl4j.setParam("b", nd(bv, type, 1, cout));
        double[] xv = random(batch * c * h * w, 13);

        ConvShape g = engineShape != null ? engineShape
                : same ? ConvShape.same(c, h, w, kh, kw, sh, sw) : ConvShape.truncate(c, h, w, kh, kw, sh, sw, ph, pw);
        Parameter wp = new Parameter(ParameterKey.weights(0), Matrix.of(dtype, cout, g.patchSize(), engineWeights.apply(wv)));
        Parameter bp = new Parameter(ParameterKey.bias(0), Matrix.of(dtype, 1, cout, bv));
        ConvolutionLayer engine = new ConvolutionLayer(wp, bp, g, new Tanh(), new FastMatMul(1));
        Matrix a = engine.forward(Matrix.of(dtype, batch, g.inputSize(), xv));

        LayerWorkspaceMgr noWorkspaces = LayerWorkspaceMgr.noWorkspaces();
        INDArray out = dl4j.activate(nd(xv, type, batch, c, h, w), true, noWorkspaces);
        assertEquals(List.of((long) batch, (long) cout, (long) g.outH(), (long) g.outW()), List.of(out.shape()[0], out.shape()[1],
                out.shape()[2], out.shape()[3]), "DL4J's output shape");
        // DOUBLE: relative to each element (floor 1e-3). FLOAT: absolute below 1, where sums of a few hundred float
        // products that cancel carry a few ulps of their terms (FLOAT is judged against a DOUBLE shadow in a run)
        double floor = dtype == DType.DOUBLE ? 1e-3 : 1.0;
        double[] ev = random(batch * cout * g.windows(), 14);
        Matrix dx = engine.backward(Matrix.of(dtype, batch, cout * g.windows(), ev), true);
        Pair<Gradient, INDArray> back = dl4j.backpropGradient(nd(ev, type, batch, cout, g.outH(), g.outW()), noWorkspaces);
        return new Worst(worst(a.toDoubleArray(), values(out), floor),
                worst(wp.gradient().toDoubleArray(), values(back.getFirst().getGradientFor("W")), floor),
                worst(bp.gradient().toDoubleArray(), values(back.getFirst().getGradientFor("b")), floor),
                worst(dx.toDoubleArray(), values(back.getSecond()), floor));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void forwardAndBackwardAreDl4jsConvolution(DType dtype, int[] s) {
        Worst worst = compare(dtype, s, w -> w, null);
        // DOUBLE: the harness's step tolerance; measured worst 4.2e-13 (dx, OpenBLAS's Prescott kernels, no FMA), 1e-15
        // under Haswell and SkylakeX. FLOAT: absolute below 1 (see compare)
        double tolerance = dtype == DType.DOUBLE ? 1e-10 : 1e-5;
        double gradientTolerance = dtype == DType.DOUBLE ? 1e-10 : 1e-4;
        assertTrue(worst.activations() <= tolerance, worst.toString());
        assertTrue(worst.dW() <= gradientTolerance && worst.db() <= gradientTolerance && worst.dx() <= gradientTolerance,
                worst.toString());
    }

    /** The twins: a kernel flipped (a textbook convolution instead of DL4J's cross-correlation) and Same's padding
     * split the other way round are caught, in FLOAT too, by orders of magnitude. */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(DType.class)
    void aFlippedKernelAndPaddingOnTheWrongSideAreCaught(DType dtype) {
        int[] s = {2, 6, 7, 3, 3, 3, 2, 2, 0, 0, 1};            // Same: 1 row and 2 columns of padding in total
        int k = 3 * 3;
        Worst flipped = compare(dtype, s, w -> {
            double[] f = new double[w.length];                 // W[o, c, i, j] -> W[o, c, kh-1-i, kw-1-j]
            for (int block = 0; block < w.length; block += k) {
                for (int q = 0; q < k; q++) {
                    f[block + q] = w[block + k - 1 - q];
                }
            }
            return f;
        }, null);
        assertTrue(flipped.activations() > 1e-2, flipped.toString());
        ConvShape right = ConvShape.same(2, 6, 7, 3, 3, 2, 2);
        ConvShape wrongSide = new ConvShape(2, 6, 7, 3, 3, 2, 2, 1, 1, right.outH(), right.outW());   // top 1 instead of 0
        Worst shifted = compare(dtype, s, w -> w, wrongSide);
        assertTrue(shifted.activations() > 1e-2, shifted.toString());
    }
}
