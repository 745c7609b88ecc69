package lockstep.engine.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import lockstep.linalg.DType;
import lockstep.linalg.ElementOps;
import lockstep.linalg.Matrix;
import lockstep.rand.SplitMix64;
import lockstep.spec.GradientNormalization;
import lockstep.spec.GradientNormalizationSpec;
import lockstep.spec.UpdaterSpec;
import lockstep.spec.UpdaterType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The optimizer's array-level loops give the same bits as the element-wise code they replaced: every
 * update rule over several steps (its state carried along), the regularisers, the gradient
 * normalisations and θ -= u, in FLOAT and DOUBLE, on random data spread over many magnitudes with
 * zeros, signed zeros and subnormals. The oracle is the former code, kept here: a loop through
 * {@link Matrix#get}/{@link Matrix#set} computing each element in double with the rules' formulas as
 * they were written before the step-dependent factors were hoisted out of the element loop.
 */
class ArrayUpdateParityTest {
    private static final int STEPS = 6;
    /** Odd sizes, so that vector loops have tails. */
    private static final int[][] SHAPES = {{1, 1}, {1, 13}, {7, 5}, {33, 17}, {100, 37}};

    static Stream<Arguments> rulesAndTypes() {
        List<Arguments> out = new ArrayList<>();
        for (UpdaterType type : UpdaterType.values()) {
            for (DType dtype : DType.values()) {
                out.add(Arguments.of(type, dtype));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("rulesAndTypes")
    void everyRuleGivesTheElementwiseBitsStepAfterStep(UpdaterType type, DType dtype) {
        for (double lr : new double[] {0.01, 0.1, 0.0}) {
            UpdaterSpec spec = new UpdaterSpec(type, lr);
            UpdateRule rule = Rules.of(spec);
            SplitMix64 rng = new SplitMix64(31 + type.ordinal());
            for (int[] shape : SHAPES) {
                Matrix[] state = new Matrix[rule.stateNames().size()];
                Matrix[] oracleState = new Matrix[state.length];
                for (int k = 0; k < state.length; k++) {
                    state[k] = Matrix.zeros(dtype, shape[0], shape[1]);
                    state[k].fill(rule.initialState());
                    oracleState[k] = state[k].copy();
                }
                for (int iteration = 0; iteration < STEPS; iteration++) {
                    Matrix g = random(dtype, shape, rng);
                    Matrix expected = g.copy();
                    oldApply(spec, expected, expected, oracleState, iteration);
                    Matrix u = g.copy();
                    rule.apply(u, u, state, iteration);         // in place, as the optimizer calls it
                    String where = type + " lr=" + lr + " " + dtype + "[" + shape[0] + "," + shape[1] + "] step "
                            + (iteration + 1);
                    assertSameBits(expected, u, where + " u");
                    for (int k = 0; k < state.length; k++) {
                        assertSameBits(oracleState[k], state[k], where + " state " + rule.stateNames().get(k));
                    }
                    Matrix separate = Matrix.zeros(dtype, shape[0], shape[1]);
                    Matrix[] again = copies(oracleState);
                    Matrix[] againOracle = copies(oracleState);
                    rule.apply(g, separate, again, iteration);   // g and u apart: g stays as it was
                    Matrix expectedSeparate = Matrix.zeros(dtype, shape[0], shape[1]);
                    oldApply(spec, g.copy(), expectedSeparate, againOracle, iteration);
                    assertSameBits(expectedSeparate, separate, where + " u (separate g)");
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void regularisersAndTheStepGiveTheElementwiseBits(DType dtype) {
        SplitMix64 rng = new SplitMix64(41);
        for (int[] shape : SHAPES) {
            Matrix theta = random(dtype, shape, rng);
            for (Regularizer.Kind kind : Regularizer.Kind.values()) {
                for (double c : new double[] {1e-4, 0.3, 2.5}) {
                    Regularizer r = new Regularizer(kind, c);
                    Matrix g = random(dtype, shape, rng);
                    Matrix expected = g.copy();
                    for (int i = 0; i < g.size(); i++) {   // the former addToGradient / addToUpdate
                        double term = kind == Regularizer.Kind.L1 ? Math.signum(theta.get(i)) : theta.get(i);
                        expected.set(i, kind == Regularizer.Kind.WEIGHT_DECAY
                                ? c * 0.05 * theta.get(i) + g.get(i) : c * term + g.get(i));
                    }
                    if (r.beforeUpdater()) {
                        r.addToGradient(theta, g);
                    } else {
                        r.addToUpdate(theta, g, 0.05);
                    }
                    assertSameBits(expected, g, kind + " c=" + c + " " + dtype);
                }
            }
            Matrix u = random(dtype, shape, rng);
            Matrix expected = theta.copy();
            for (int i = 0; i < theta.size(); i++) {          // the former θ -= u
                expected.set(i, expected.get(i) - u.get(i));
            }
            ElementOps.subtract(theta, u);
            assertSameBits(expected, theta, "θ -= u " + dtype);
        }
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void gradientNormalisationsGiveTheElementwiseBits(DType dtype) {
        SplitMix64 rng = new SplitMix64(43);
        for (GradientNormalization type : GradientNormalization.values()) {
            for (double threshold : new double[] {1e-3, 0.5, 1e3}) {
                Matrix w = random(dtype, new int[] {33, 17}, rng);
                Matrix b = random(dtype, new int[] {1, 17}, rng);
                List<Matrix> expected = List.of(w.copy(), b.copy());
                oldNormalize(type, threshold, expected);
                List<Matrix> actual = List.of(w, b);
                GradientNormalizer.apply(new GradientNormalizationSpec(type, threshold), actual);
                assertSameBits(expected.get(0), actual.get(0), type + " " + threshold + " W " + dtype);
                assertSameBits(expected.get(1), actual.get(1), type + " " + threshold + " b " + dtype);
            }
        }
    }

    /** The former ElementwiseRule.apply: element by element through get/set, with the former formulas. */
    private static void oldApply(UpdaterSpec spec, Matrix g, Matrix u, Matrix[] state, int iteration) {
        double[] s = new double[4];
        for (int i = 0, n = g.size(); i < n; i++) {
            for (int k = 0; k < state.length; k++) {
                s[k] = state[k].get(i);
            }
            u.set(i, oldUpdate(spec, g.get(i), s, iteration + 1));
            for (int k = 0; k < state.length; k++) {
                state[k].set(i, s[k]);
            }
        }
    }

    /** Rules' update formulas as they were, the step size computed per element from t. */
    private static double oldUpdate(UpdaterSpec spec, double g, double[] s, int t) {
        double lr = spec.learningRate();
        double beta1 = spec.beta1();
        double beta2 = spec.beta2();
        double epsilon = spec.epsilon();
        double decay = spec.decay();
        switch (spec.type()) {
            case SGD:
                return lr * g;
            case NESTEROVS: {
                double vPrev = s[0];
                s[0] = spec.momentum() * vPrev - lr * g;
                return spec.momentum() * vPrev - (1.0 + spec.momentum()) * s[0];
            }
            case ADAM:
                s[0] = beta1 * s[0] + (1.0 - beta1) * g;
                s[1] = beta2 * s[1] + (1.0 - beta2) * g * g;
                return ElementwiseRule.biasCorrectedStep(lr, beta1, beta2, epsilon, t) * s[0] / (Math.sqrt(s[1]) + epsilon);
            case ADAMAX: {
                s[0] = beta1 * s[0] + (1.0 - beta1) * g;
                s[1] = Math.max(beta2 * s[1], Math.abs(g)) + 1e-32;
                double alpha = lr / (1.0 - Math.pow(beta1, t));
                if (alpha == 0.0 || !Double.isFinite(alpha)) {
                    alpha = epsilon;
                }
                return alpha * s[0] / s[1];
            }
            case AMSGRAD:
                s[0] = beta1 * s[0] + (1.0 - beta1) * g;
                s[1] = beta2 * s[1] + (1.0 - beta2) * g * g;
                s[2] = Math.max(s[2], s[1]);
                return ElementwiseRule.biasCorrectedStep(lr, beta1, beta2, epsilon, t) * s[0] / (Math.sqrt(s[2]) + epsilon);
            case NADAM: {
                s[0] = beta1 * s[0] + (1.0 - beta1) * g;
                s[1] = beta2 * s[1] + (1.0 - beta2) * g * g;
                double oneMinusBeta1T = 1.0 - Math.pow(beta1, t);
                double mHat = beta1 * s[0] / oneMinusBeta1T + (1.0 - beta1) * g / oneMinusBeta1T;
                return lr * mHat / (Math.sqrt(s[1]) + epsilon);
            }
            case RMSPROP:
                s[0] = decay * s[0] + (1.0 - decay) * g * g;
                return lr * g / (Math.sqrt(s[0]) + epsilon);
            case ADAGRAD:
                s[0] = s[0] + g * g;
                return lr * g / (Math.sqrt(s[0]) + epsilon);
            case ADADELTA: {
                s[0] = decay * s[0] + (1.0 - decay) * g * g;
                double u = g * Math.sqrt(s[1] + epsilon) / Math.sqrt(s[0] + epsilon);
                s[1] = decay * s[1] + (1.0 - decay) * u * u;
                return u;
            }
            case NOOP:
                return g;
            default:
                throw new AssertionError(spec.type());
        }
    }

    /** The former GradientNormalizer's scale, divide and clip loops (its norms are unchanged code). */
    private static void oldNormalize(GradientNormalization type, double threshold, List<Matrix> gs) {
        switch (type) {
            case None -> { }
            case RenormalizeL2PerLayer -> {
                double l2 = GradientNormalizer.norm2(gs);
                oldScale(gs, 1.0 / (l2 == 0.0 ? 1e-5 : l2));
            }
            case RenormalizeL2PerParamType -> gs.forEach(g -> {
                double l2 = GradientNormalizer.norm2(g);
                for (int i = 0; i < g.size(); i++) {
                    g.set(i, g.get(i) / (l2 == 0.0 ? 1e-5 : l2));
                }
            });
            case ClipElementWiseAbsoluteValue -> gs.forEach(g -> {
                for (int i = 0; i < g.size(); i++) {
                    g.set(i, Math.max(-threshold, Math.min(threshold, g.get(i))));
                }
            });
            case ClipL2PerLayer -> {
                double l2 = GradientNormalizer.norm2(gs);
                if (l2 > threshold) {
                    oldScale(gs, threshold / l2);
                }
            }
            case ClipL2PerParamType -> gs.forEach(g -> {
                double l2 = GradientNormalizer.norm2(g);
                for (int i = 0; l2 > threshold && i < g.size(); i++) {
                    g.set(i, g.get(i) / (l2 / threshold));
                }
            });
        }
    }

    private static void oldScale(List<Matrix> gs, double factor) {
        for (Matrix g : gs) {
            for (int i = 0; i < g.size(); i++) {
                g.set(i, g.get(i) * factor);
            }
        }
    }

    /**
     * Values of either sign over magnitudes 1e-12 to 1e3 (a few subnormal in FLOAT), with exact
     * zeros of both signs sprinkled in.
     */
    static Matrix random(DType dtype, int[] shape, SplitMix64 rng) {
        double[] v = new double[shape[0] * shape[1]];
        for (int i = 0; i < v.length; i++) {
            double r = rng.nextDouble();
            double sign = rng.nextDouble() < 0.5 ? -1.0 : 1.0;
            v[i] = r < 0.05 ? sign * 0.0 : r < 0.08 ? sign * 1e-40 * rng.nextDouble()
                    : sign * Math.pow(10.0, -12.0 + 15.0 * rng.nextDouble());
        }
        return Matrix.of(dtype, shape[0], shape[1], v);
    }

    private static Matrix[] copies(Matrix[] ms) {
        Matrix[] out = new Matrix[ms.length];
        for (int k = 0; k < ms.length; k++) {
            out[k] = ms[k].copy();
        }
        return out;
    }

    /** Same type, shape and bit patterns (so -0 differs from 0). */
    static void assertSameBits(Matrix expected, Matrix actual, String what) {
        assertEquals(expected.dtype() + expected.shape(), actual.dtype() + actual.shape(), what);
        for (int i = 0; i < expected.size(); i++) {
            long e = Double.doubleToRawLongBits(expected.get(i));
            long a = Double.doubleToRawLongBits(actual.get(i));
            if (e != a) {
                fail(what + ": element " + i + " expected " + expected.get(i) + " but got " + actual.get(i));
            }
        }
    }
}
