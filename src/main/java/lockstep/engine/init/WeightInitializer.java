package lockstep.engine.init;

import lockstep.linalg.Matrix;
import lockstep.rand.SplitMix64;
import lockstep.spec.WeightDistribution;
import lockstep.spec.WeightInit;
import lockstep.spec.WeightInitSpec;

/**
 * Draws initial weights W [nIn,nOut] with DL4J's formulas, from the engine's own seeded generator
 * (DL4J's native RNG cannot be reproduced: by default the harness copies the engine's draw into DL4J,
 * and {@code WeightInitParityTest} shows that both draws come from the same distribution).
 * Each layer draws from its own stream (seed, layer), so changing one layer's scheme leaves the others alone.
 * <p>
 * Every named scheme is a distribution with a scale from fanIn = nIn and fanOut = nOut
 * ({@link #distributionOf}, the one place for DL4J's formulas), except ZERO, ONES and IDENTITY;
 * each distribution has one sampler.
 */
public final class WeightInitializer {
    static final long INIT_STREAM = 0x494E4954L;
    /** ND4J's random ops draw their uniforms for Box–Muller from [1e-5, 1). */
    private static final double ND4J_EPSILON = 1e-5;

    private WeightInitializer() {
    }

    /** Fills w [nIn,nOut]. Modifies w. */
    public static void initialize(Matrix w, WeightInitSpec init, long seed, int layerIndex) {
        int nIn = w.rows();
        int nOut = w.cols();
        if (init == WeightInit.ZERO || init == WeightInit.ONES) {
            w.fill(init == WeightInit.ONES ? 1.0 : 0.0);
        } else if (init == WeightInit.IDENTITY) {
            if (nIn != nOut) {
                throw new IllegalArgumentException("IDENTITY needs a square W, got " + w.shape());
            }
            w.fill(0.0);
            for (int i = 0; i < nIn; i++) {
                w.set(i, i, 1.0);
            }
        } else {
            WeightDistribution d = init instanceof WeightInit scheme ? distributionOf(scheme, nIn, nOut) : (WeightDistribution) init;
            sample(w, d, SplitMix64.stream(seed, INIT_STREAM, layerIndex));
        }
    }

    /** The distribution DL4J 1.0.0-M2.1 draws a named scheme from (see its IWeightInit classes). */
    public static WeightDistribution distributionOf(WeightInit scheme, int nIn, int nOut) {
        double fanIn = nIn;
        double fanOut = nOut;
        return switch (scheme) {
            case XAVIER -> normal(Math.sqrt(2.0 / (fanIn + fanOut)));
            case XAVIER_UNIFORM -> symmetricUniform(Math.sqrt(6.0) / Math.sqrt(fanIn + fanOut));
            case XAVIER_FAN_IN, NORMAL, LECUN_NORMAL -> normal(1.0 / Math.sqrt(fanIn));
            case XAVIER_LEGACY -> normal(1.0 / Math.sqrt(nIn + nOut));
            case RELU -> normal(Math.sqrt(2.0 / fanIn));
            case RELU_UNIFORM -> symmetricUniform(Math.sqrt(6.0 / fanIn));
            case LECUN_UNIFORM, VAR_SCALING_UNIFORM_FAN_IN -> symmetricUniform(3.0 / Math.sqrt(fanIn));
            case UNIFORM -> symmetricUniform(1.0 / Math.sqrt(fanIn));
            case SIGMOID_UNIFORM -> symmetricUniform(4.0 * Math.sqrt(6.0 / (fanIn + fanOut)));
            case VAR_SCALING_NORMAL_FAN_IN -> truncatedNormal(Math.sqrt(1.0 / fanIn));
            case VAR_SCALING_NORMAL_FAN_OUT -> truncatedNormal(Math.sqrt(1.0 / fanOut));
            case VAR_SCALING_NORMAL_FAN_AVG -> truncatedNormal(Math.sqrt(2.0 / (fanIn + fanOut)));
            case VAR_SCALING_UNIFORM_FAN_OUT -> symmetricUniform(3.0 / Math.sqrt(fanOut));
            case VAR_SCALING_UNIFORM_FAN_AVG -> symmetricUniform(3.0 / Math.sqrt((fanIn + fanOut) / 2));
            case ZERO, ONES, IDENTITY -> throw new IllegalArgumentException(scheme + " is a constant, not a distribution");
        };
    }

    private static WeightDistribution normal(double std) {
        return new WeightDistribution.Normal(0.0, std);
    }

    private static WeightDistribution symmetricUniform(double s) {
        return new WeightDistribution.Uniform(-s, s);
    }

    private static WeightDistribution truncatedNormal(double std) {
        return new WeightDistribution.TruncatedNormal(0.0, std);
    }

    private static void sample(Matrix w, WeightDistribution d, SplitMix64 rng) {
        if (d instanceof WeightDistribution.Normal n) {
            for (int i = 0; i < w.size(); i++) {
                w.set(i, n.mean() + n.std() * rng.nextGaussian());
            }
        } else if (d instanceof WeightDistribution.Uniform u) {
            double mid = (u.lower() + u.upper()) / 2;
            double half = (u.upper() - u.lower()) / 2;
            for (int i = 0; i < w.size(); i++) {
                w.set(i, mid + half * (2.0 * rng.nextDouble() - 1.0));   // U[lower, upper); (2u-1)·s for ±s
            }
        } else if (d instanceof WeightDistribution.TruncatedNormal t) {
            double[] columnMajor = nd4jTruncatedNormal(w.size(), t.mean(), t.std(), rng);
            for (int i = 0; i < w.rows(); i++) {
                for (int j = 0; j < w.cols(); j++) {
                    w.set(i, j, columnMajor[j * w.rows() + i]);   // DL4J's W buffer is column-major
                }
            }
        } else {
            throw new IllegalArgumentException("unknown distribution " + d);
        }
    }

    /**
     * ND4J's {@code TruncatedNormalDistribution} op over n values, as libnd4j computes it: with
     * u[i] its i-th uniform and middle = ceil(n/2), Box–Muller on the pair (u[k], u[k+middle]) gives the cos
     * value to z[k] and the sin value to z[k+middle]; then each z[e] outside mean ± 2·std is redrawn from
     * (u[e], u[e+middle]) — for the first half that is its own pair again, so the same value — and set to
     * mean + the smallest normal double if still outside.
     */
    static double[] nd4jTruncatedNormal(int n, double mean, double std, SplitMix64 rng) {
        int middle = n / 2 + n % 2;
        double[] u = new double[n + middle];
        for (int i = 0; i < u.length; i++) {
            u[i] = ND4J_EPSILON + (1.0 - ND4J_EPSILON) * rng.nextDouble();
        }
        double[] z = new double[n];
        for (int k = 0; k < middle; k++) {
            double r = Math.sqrt(-2.0 * StrictMath.log(u[k]));
            double theta = 2.0 * Math.PI * u[k + middle];
            z[k] = mean + std * r * StrictMath.cos(theta);
            if (k + middle < n) {
                z[k + middle] = mean + std * r * StrictMath.sin(theta);
            }
        }
        double bound = 2.0 * std;
        for (int e = 0; e < n; e++) {
            if (z[e] > mean + bound || z[e] < mean - bound) {
                z[e] = mean + std * Math.sqrt(-2.0 * StrictMath.log(u[e])) * StrictMath.cos(2.0 * Math.PI * u[e + middle]);
                if (z[e] > mean + bound || z[e] < mean - bound) {
                    z[e] = mean + Double.MIN_NORMAL;
                }
            }
        }
        return z;
    }
}
