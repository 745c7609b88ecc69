package lockstep.engine.dropout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import lockstep.linalg.DType;
import lockstep.linalg.Matrix;
import org.junit.jupiter.api.Test;

/**
 * AlphaDropout's constants from their defining property (Klambauer et al., SELU): for x ~ N(0, 1) and a keep mask
 * d ~ Bernoulli(p), x' = a(x·d + α'(1 - d)) + b has mean 0 and variance 1, i.e. a·α'(1 - p) + b = 0 and
 * a²(p + α'²p(1 - p)) = 1, with α' = -λα; then forward and backward on hand-picked values, in DOUBLE exactly and in
 * FLOAT with each of DL4J's array operations rounded to float (the sequence the class javadoc quotes).
 */
class AlphaDropoutTest {
    private static final double LAMBDA = 1.0507009873554805;
    private static final double ALPHA = 1.6732632423543772;

    @Test
    void theConstantsKeepMeanZeroAndVarianceOne() {
        for (double p : new double[] {0.1, 0.5, 0.8, 1.0}) {
            AlphaDropout d = new AlphaDropout(p);
            double ap = -LAMBDA * ALPHA;
            assertEquals(ap, d.alphaPrime(), 0.0);
            assertEquals(0.0, d.a() * ap * (1 - p) + d.b(), 1e-15, "mean, p=" + p);
            assertEquals(1.0, d.a() * d.a() * (p + ap * ap * p * (1 - p)), 1e-15, "variance, p=" + p);
        }
    }

    @Test
    void forwardAndBackwardInDouble() {
        AlphaDropout d = new AlphaDropout(0.5);
        Matrix x = Matrix.of(DType.DOUBLE, 1, 3, new double[] {2.0, -3.0, 0.5});
        Matrix mask = Matrix.of(DType.DOUBLE, 1, 3, new double[] {1, 0, 1});
        Matrix out = d.forward(x, mask);
        double ap = d.alphaPrime();
        assertArrayEquals(new double[] {2.0 * d.a() + d.b(), ap * d.a() + d.b(), 0.5 * d.a() + d.b()}, out.toDoubleArray(), 1e-15);
        Matrix grad = d.backward(Matrix.of(DType.DOUBLE, 1, 3, new double[] {1.5, 7.0, -2.0}), mask);
        assertArrayEquals(new double[] {1.5 * d.a(), 0.0, -2.0 * d.a()}, grad.toDoubleArray(), 1e-15);
        assertArrayEquals(new double[] {2.0, -3.0, 0.5}, x.toDoubleArray(), 0.0, "the input is left as it was");
    }

    @Test
    void forwardAndBackwardInFloatRoundEachArrayOperation() {
        AlphaDropout d = new AlphaDropout(0.3);
        float apF = (float) d.alphaPrime();
        float aF = (float) d.a();
        float bF = (float) d.b();
        float[] x = {1.1f, -0.7f, 3.3f, 0.05f};
        float[] m = {1f, 0f, 1f, 0f};
        float[] gOut = {0.9f, -1.3f, 2.2f, 4.4f};
        float[] want = new float[4];
        float[] wantGrad = new float[4];
        for (int i = 0; i < 4; i++) {
            float t = (1f - m[i]) * apF;                    // mask.rsub(1.0).muli(α')
            want[i] = (x[i] * m[i] + t) * aF + bF;          // MulOp(x, d).addi(t).muli(a).addi(b)
            wantGrad[i] = gOut[i] * (m[i] * aF);            // MulOp(gradAtOutput, mask.muli(a))
        }
        Matrix out = d.forward(Matrix.of(DType.FLOAT, 1, 4, toDouble(x)), Matrix.of(DType.FLOAT, 1, 4, toDouble(m)));
        assertArrayEquals(want, out.toFloatArray(), 0f);
        Matrix grad = d.backward(Matrix.of(DType.FLOAT, 1, 4, toDouble(gOut)), Matrix.of(DType.FLOAT, 1, 4, toDouble(m)));
        assertArrayEquals(wantGrad, grad.toFloatArray(), 0f);
        assertEquals(DType.FLOAT, out.dtype());
    }

    @Test
    void plantedConstantsAreUsedAsGiven() {
        AlphaDropout d = AlphaDropout.withConstants(-2.0, 3.0, 0.25);
        assertEquals(-2.0, d.alphaPrime());
        Matrix out = d.forward(Matrix.of(DType.DOUBLE, 1, 2, new double[] {1.0, 5.0}), Matrix.of(DType.DOUBLE, 1, 2, new double[] {1, 0}));
        assertArrayEquals(new double[] {1.0 * 3.0 + 0.25, -2.0 * 3.0 + 0.25}, out.toDoubleArray(), 0.0);
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
