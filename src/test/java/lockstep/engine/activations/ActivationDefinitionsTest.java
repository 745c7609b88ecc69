package lockstep.engine.activations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import lockstep.engine.EngineComponents;
import lockstep.linalg.DType;
import lockstep.linalg.Matrix;
import lockstep.spec.ActivationType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every activation on its own, without DL4J (ActivationParityTest compares with DL4J inside a network): the DOUBLE
 * derivative against central finite differences of the DOUBLE value, and the FLOAT forward and backward passes
 * (which some activations compute in float arithmetic, as ND4J's float kernels do) against the DOUBLE ones, within a
 * few float roundings. Points near a kink are left out of the finite differences.
 */
class ActivationDefinitionsTest {
    private static final double H = 1e-6;

    /** -3.7 to 3.7 in steps of 0.37 (0 itself included), and 7 (past ReLU6's top). */
    private static double[] points() {
        double[] z = new double[22];
        for (int i = 0; i < 21; i++) {
            z[i] = (i - 10) * 0.37;
        }
        z[21] = 7.0;
        return z;
    }

    private static boolean nearKink(ActivationType type, double z) {
        double[] kinks = switch (type) {
            case RELU, LEAKYRELU, ELU, SELU, RECTIFIEDTANH, RATIONALTANH -> new double[] {0.0};
            case RELU6 -> new double[] {0.0, 6.0};
            case HARDTANH -> new double[] {-1.0, 1.0};
            case HARDSIGMOID -> new double[] {-2.5, 2.5};
            default -> new double[0];
        };
        for (double k : kinks) {
            if (Math.abs(z - k) < 1e-3) {
                return true;
            }
        }
        return false;
    }

    private static Matrix forward(Activation f, DType dtype, double[] z) {
        Matrix a = Matrix.zeros(dtype, 1, z.length);
        f.forward(Matrix.of(dtype, 1, z.length, z), a);
        return a;
    }

    /** dL/dz for dL/da = 1: f'(z) element by element (for softmax, the column sums of its Jacobian: 0). */
    private static Matrix derivative(Activation f, DType dtype, double[] z) {
        Matrix zm = Matrix.of(dtype, 1, z.length, z);
        Matrix a = forward(f, dtype, z);
        Matrix ones = Matrix.zeros(dtype, 1, z.length);
        ones.fill(1.0);
        Matrix out = Matrix.zeros(dtype, 1, z.length);
        f.backward(zm, a, ones, out);
        return out;
    }

    @ParameterizedTest
    @EnumSource(value = ActivationType.class, names = "SOFTMAX", mode = EnumSource.Mode.EXCLUDE)
    void theDerivativeIsTheSlopeOfTheValue(ActivationType type) {
        Activation f = new EngineComponents().activation(type);
        assertEquals(type, f.type());
        double[] z = points();
        Matrix d = derivative(f, DType.DOUBLE, z);
        for (int i = 0; i < z.length; i++) {
            if (nearKink(type, z[i])) {
                continue;
            }
            double up = forward(f, DType.DOUBLE, new double[] {z[i] + H}).get(0);
            double down = forward(f, DType.DOUBLE, new double[] {z[i] - H}).get(0);
            double fd = (up - down) / (2 * H);
            assertEquals(fd, d.get(i), 1e-6 * Math.max(1.0, Math.abs(fd)), type + " f'(" + z[i] + ")");
        }
    }

    @ParameterizedTest
    @EnumSource(ActivationType.class)
    void floatForwardAndBackwardAgreeWithDoubleWithinFloatRounding(ActivationType type) {
        Activation f = new EngineComponents().activation(type);
        double[] z = points();
        double[] zf = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            zf[i] = (float) z[i];                  // the same inputs in both types
        }
        Matrix ad = forward(f, DType.DOUBLE, zf);
        Matrix af = forward(f, DType.FLOAT, zf);
        Matrix dd = derivative(f, DType.DOUBLE, zf);
        Matrix df = derivative(f, DType.FLOAT, zf);
        for (int i = 0; i < z.length; i++) {
            assertEquals(ad.get(i), af.get(i), 1e-6 * Math.max(1.0, Math.abs(ad.get(i))), type + " FLOAT f(" + zf[i] + ")");
            if (!nearKink(type, zf[i])) {
                assertEquals(dd.get(i), df.get(i), 1e-5 * Math.max(1.0, Math.abs(dd.get(i))),
                        type + " FLOAT f'(" + zf[i] + ")");
            }
        }
    }

    /**
     * In FLOAT the sigmoid is ND4J's float kernel, 1 + e^-z rounded to float before the division: bit for bit that
     * expression, which differs from the rounded double result at some of these points.
     */
    @org.junit.jupiter.api.Test
    void floatSigmoidIsComputedInFloatArithmetic() {
        float[] z = new float[200];
        double[] zd = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            z[i] = (i - 100) * 0.173f;
            zd[i] = z[i];
        }
        Matrix a = forward(new Sigmoid(), DType.FLOAT, zd);
        int differ = 0;
        for (int i = 0; i < z.length; i++) {
            float want = 1.0f / (1.0f + (float) Math.exp(-z[i]));
            assertEquals(want, (float) a.get(i), 0f, "sigmoid(" + z[i] + ")");
            differ += want != (float) (1.0 / (1.0 + Math.exp(-zd[i]))) ? 1 : 0;
        }
        assertTrue(differ > 0, "no point tells float arithmetic from a rounded double");
        Matrix d = derivative(new Sigmoid(), DType.FLOAT, zd);
        for (int i = 0; i < z.length; i++) {
            float s = 1.0f / (1.0f + (float) Math.exp(-z[i]));
            assertEquals(s * (1.0f - s), (float) d.get(i), 0f, "sigmoid'(" + z[i] + ")");
        }
    }

    /** Far from 0, tanh is ±1: ND4J's formula takes the power of e that cannot overflow on each side. */
    @ParameterizedTest
    @EnumSource(value = ActivationType.class, names = {"TANH", "RECTIFIEDTANH"})
    void tanhSaturatesWithoutOverflow(ActivationType type) {
        Activation f = new EngineComponents().activation(type);
        double lo = type == ActivationType.TANH ? -1.0 : 0.0;
        assertEquals(List.of(lo, 1.0), List.of(forward(f, DType.DOUBLE, new double[] {-400, 400}).toDoubleArray()[0],
                forward(f, DType.DOUBLE, new double[] {-400, 400}).toDoubleArray()[1]));
        Matrix af = forward(f, DType.FLOAT, new double[] {-50, 50});
        assertEquals(lo, af.get(0));
        assertEquals(1.0, af.get(1));
    }

    /** Softmax in closed form, exp(z_c) / Σ exp(z_c'), without the max shift the engine applies; rows sum to 1. */
    @ParameterizedTest
    @EnumSource(DType.class)
    void softmaxIsTheNormalisedExponential(DType dtype) {
        double[] z = {1, 2, 3, -1, 0, 0.5};
        Matrix a = Matrix.zeros(dtype, 2, 3);
        new Softmax().forward(Matrix.of(dtype, 2, 3, z), a);
        for (int r = 0; r < 2; r++) {
            double sum = 0;
            for (int c = 0; c < 3; c++) {
                sum += Math.exp(z[r * 3 + c]);
            }
            for (int c = 0; c < 3; c++) {
                assertEquals(Math.exp(z[r * 3 + c]) / sum, a.get(r, c), dtype == DType.FLOAT ? 2e-7 : 4e-16);
            }
        }
        // the row maximum is subtracted first: a large z does not overflow
        Matrix big = Matrix.zeros(dtype, 1, 2);
        new Softmax().forward(Matrix.of(dtype, 1, 2, new double[] {1000, 0}), big);
        assertEquals(1.0, big.get(0));
        assertEquals(0.0, big.get(1));
        // the Jacobian: dL/dz_c = a_c (g_c - Σ g_c' a_c'); with g = e_0 that is a_0 (1 - a_0) and -a_0 a_c
        Matrix g = Matrix.of(dtype, 2, 3, new double[] {1, 0, 0, 1, 0, 0});
        Matrix out = Matrix.zeros(dtype, 2, 3);
        new Softmax().backward(Matrix.of(dtype, 2, 3, z), a, g, out);
        for (int r = 0; r < 2; r++) {
            double a0 = a.get(r, 0);
            assertEquals(a0 * (1 - a0), out.get(r, 0), 3e-7);
            assertEquals(-a0 * a.get(r, 1), out.get(r, 1), 3e-7);
            assertEquals(-a0 * a.get(r, 2), out.get(r, 2), 3e-7);
        }
    }
}
