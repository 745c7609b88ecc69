package lockstep.engine.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import lockstep.engine.Parameter;
import lockstep.engine.activations.Identity;
import lockstep.engine.activations.Tanh;
import lockstep.linalg.ConvShape;
import lockstep.linalg.DType;
import lockstep.linalg.Matrix;
import lockstep.linalg.NaiveMatMul;
import lockstep.rand.SplitMix64;
import lockstep.spec.ParameterKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The convolution layer against two independent sources: a direct convolution written out as its definition (six
 * nested loops, no im2col) for the forward pass, and central finite differences of L = Σ a ⊙ R for dW, db and dL/dx,
 * over Truncate with padding and strides, Same with uneven padding, and 1x1 kernels.
 */
class ConvolutionLayerGradientTest {

    static Stream<ConvShape> shapes() {
        return Stream.of(
                ConvShape.truncate(2, 5, 6, 3, 3, 1, 1, 0, 0),
                ConvShape.truncate(3, 7, 5, 3, 2, 2, 1, 1, 1),
                ConvShape.same(2, 6, 7, 3, 3, 2, 2),     // total padding 1 (rows) and 2 (cols): more after than before
                ConvShape.same(1, 5, 5, 4, 4, 1, 1),     // even kernel: 3 of padding, 1 before and 2 after
                ConvShape.truncate(4, 3, 3, 1, 1, 1, 1, 0, 0));
    }

    private static Matrix random(int rows, int cols, long seed) {
        SplitMix64 r = new SplitMix64(seed);
        Matrix m = Matrix.zeros(DType.DOUBLE, rows, cols);
        for (int i = 0; i < m.size(); i++) {
            m.set(i, r.nextDouble() * 2 - 1);
        }
        return m;
    }

    private static ConvolutionLayer layer(ConvShape g, int cout, boolean tanh, long seed) {
        Parameter w = new Parameter(ParameterKey.weights(0), random(cout, g.patchSize(), seed));
        Parameter b = new Parameter(ParameterKey.bias(0), random(1, cout, seed + 1));
        return new ConvolutionLayer(w, b, g, tanh ? new Tanh() : new Identity(), new NaiveMatMul());
    }

    /** The convolution by its definition: z[b, o, oh, ow] = b_o + Σ_{c,i,j} W[o, c, i, j]·x[b, c, oh·s − pad + i, ...]. */
    private static double[] direct(Matrix x, Matrix w, Matrix bias, ConvShape g, int cout) {
        int batch = x.rows();
        double[] z = new double[batch * cout * g.windows()];
        for (int b = 0; b < batch; b++) {
            for (int o = 0; o < cout; o++) {
                for (int oh = 0; oh < g.outH(); oh++) {
                    for (int ow = 0; ow < g.outW(); ow++) {
                        double s = bias.get(o);
                        for (int c = 0; c < g.channels(); c++) {
                            for (int i = 0; i < g.kernelH(); i++) {
                                for (int j = 0; j < g.kernelW(); j++) {
                                    int h = oh * g.strideH() - g.padTop() + i;
                                    int wc = ow * g.strideW() - g.padLeft() + j;
                                    if (h >= 0 && h < g.height() && wc >= 0 && wc < g.width()) {
                                        s += w.get(o, (c * g.kernelH() + i) * g.kernelW() + j)
                                                * x.get(b, (c * g.height() + h) * g.width() + wc);
                                    }
                                }
                            }
                        }
                        z[((b * cout + o) * g.outH() + oh) * g.outW() + ow] = s;
                    }
                }
            }
        }
        return z;
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void theForwardPassIsTheConvolutionByItsDefinition(ConvShape g) {
        int cout = 3;
        ConvolutionLayer layer = layer(g, cout, false, 5);
        Matrix x = random(2, g.inputSize(), 9);
        Matrix z = layer.forward(x);
        double[] expected = direct(x, layer.parameters().get(1).value(), layer.parameters().get(0).value(), g, cout);
        assertArrayEquals(expected, z.toDoubleArray(), 1e-12);
    }

    /** L = Σ a ⊙ R, so dL/da = R. */
    private static double loss(ConvolutionLayer layer, Matrix x, Matrix r) {
        Matrix a = layer.forward(x);
        double s = 0;
        for (int i = 0; i < a.size(); i++) {
            s += a.get(i) * r.get(i);
        }
        return s;
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void gradientsAgreeWithFiniteDifferences(ConvShape g) {
        int cout = 3;
        ConvolutionLayer layer = layer(g, cout, true, 3);
        Matrix x = random(2, g.inputSize(), 4);
        Matrix r = random(2, cout * g.windows(), 6);
        layer.forward(x);
        Matrix dx = layer.backward(r, true).copy();
        double eps = 1e-6;
        for (Parameter p : layer.parameters()) {
            Matrix analytic = p.gradient().copy();
            for (int i = 0; i < p.value().size(); i++) {
                double v = p.value().get(i);
                p.value().set(i, v + eps);
                double up = loss(layer, x, r);
                p.value().set(i, v - eps);
                double down = loss(layer, x, r);
                p.value().set(i, v);
                assertEquals((up - down) / (2 * eps), analytic.get(i), 1e-7, p.name() + "[" + i + "] of " + g);
            }
        }
        for (int i = 0; i < x.size(); i++) {
            double v = x.get(i);
            x.set(i, v + eps);
            double up = loss(layer, x, r);
            x.set(i, v - eps);
            double down = loss(layer, x, r);
            x.set(i, v);
            assertEquals((up - down) / (2 * eps), dx.get(i), 1e-7, "dL/dx[" + i + "] of " + g);
        }
    }

    @Test
    void sameModePutsTheSmallerHalfOfThePaddingFirst() {
        ConvShape g = ConvShape.same(1, 6, 7, 3, 3, 2, 2);
        assertEquals(3, g.outH());              // ceil(6/2)
        assertEquals(4, g.outW());              // ceil(7/2)
        assertEquals(0, g.padTop());            // total (3-1)·2 + 3 - 6 = 1: 0 before, 1 after
        assertEquals(1, g.padLeft());           // total (4-1)·2 + 3 - 7 = 2: 1 before, 1 after
        ConvShape t = ConvShape.truncate(1, 7, 7, 3, 3, 2, 2, 0, 0);
        assertTrue(t.outH() == 3 && t.outW() == 3, "floor((7 - 3) / 2) + 1");
    }
}
