package lockstep.engine.dropout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import lockstep.linalg.DType;
import lockstep.linalg.Matrix;
import lockstep.spec.DropoutSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The multiplicative (Dropout, GaussianDropout) and additive (GaussianNoise) dropouts on hand-picked values whose
 * products and sums are exact in both types: x' = x ⊙ r and dL/dx = dL/dx' ⊙ r; x' = x + r and dL/dx = dL/dx'.
 */
class InputDropoutTest {
    private static final double[] X = {1.5, -2.0, 0.25, 3.0, 0.0};   // 5 elements: no multiple of 4
    private static final double[] R = {2.0, 0.0, -0.5, 1.25, 4.0};
    private static final double[] G = {0.5, 8.0, -1.0, 2.0, 3.0};

    @ParameterizedTest
    @EnumSource(DType.class)
    void multiplicativeNoiseScalesInputAndGradientByTheArray(DType dtype) {
        MultiplicativeNoise d = new MultiplicativeNoise();
        Matrix x = Matrix.of(dtype, 1, 5, X);
        Matrix out = d.forward(x, Matrix.of(dtype, 1, 5, R));
        assertArrayEquals(new double[] {3.0, -0.0, -0.125, 3.75, 0.0}, out.toDoubleArray(), 0.0);
        Matrix g = Matrix.of(dtype, 1, 5, G);
        Matrix dx = d.backward(g, Matrix.of(dtype, 1, 5, R));
        assertArrayEquals(new double[] {1.0, 0.0, 0.5, 2.5, 12.0}, dx.toDoubleArray(), 0.0);
        assertEquals(dtype, out.dtype());
        assertArrayEquals(X, x.toDoubleArray(), 0.0, "x is left as it was");
        assertArrayEquals(G, g.toDoubleArray(), 0.0, "the gradient is left as it was");
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void additiveNoiseShiftsTheInputAndPassesTheGradientThrough(DType dtype) {
        AdditiveNoise d = new AdditiveNoise();
        Matrix out = d.forward(Matrix.of(dtype, 1, 5, X), Matrix.of(dtype, 1, 5, R));
        assertArrayEquals(new double[] {3.5, -2.0, -0.25, 4.25, 4.0}, out.toDoubleArray(), 0.0);
        Matrix g = Matrix.of(dtype, 1, 5, G);
        Matrix dx = d.backward(g, Matrix.of(dtype, 1, 5, R));
        assertArrayEquals(G, dx.toDoubleArray(), 0.0);
        assertNotSame(g, dx, "a new matrix");
    }

    @Test
    void eachSpecGetsItsKind() {
        assertInstanceOf(MultiplicativeNoise.class, InputDropout.of(DropoutSpec.of(DropoutSpec.Kind.DROPOUT, 0.5)));
        assertInstanceOf(MultiplicativeNoise.class, InputDropout.of(DropoutSpec.of(DropoutSpec.Kind.GAUSSIAN_DROPOUT, 0.1)));
        assertInstanceOf(AdditiveNoise.class, InputDropout.of(DropoutSpec.of(DropoutSpec.Kind.GAUSSIAN_NOISE, 0.1)));
        InputDropout alpha = InputDropout.of(DropoutSpec.of(DropoutSpec.Kind.ALPHA_DROPOUT, 0.8));
        assertEquals(new AlphaDropout(0.8).a(), ((AlphaDropout) alpha).a(), 0.0);
    }
}
