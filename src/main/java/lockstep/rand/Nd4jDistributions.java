package lockstep.rand;

import lockstep.LockstepException;
import lockstep.linalg.DType;

/**
 * libnd4j's legacy random ops as ND4J 1.0.0-M2.1 runs them on a z array of n elements with element-wise
 * stride 1 (a DL4J parameter view), each returning z's buffer as doubles holding values of type T and
 * then moving the generator on by one {@code rewindH(n)}, as the M2.1 binary does after every random op
 * (measured: {@code Nd4jDistributionsTest} compares the node state after each op).
 * Sources: {@code libnd4j/include/ops/random_ops.h} (UniformDistribution) and
 * {@code libnd4j/include/ops/special_random_ops.h} (GaussianDistribution, TruncatedNormalDistribution).
 * DropOutInverted and BernoulliDistribution are in random_ops.h too.
 * The Gaussian ones are bit-exact when {@link Libm} is the host's (see {@link Libm#best()}). Immutable.
 */
public final class Nd4jDistributions {
    /** The Gaussian op's lower bound for Box–Muller uniforms, {@code static_cast<T>(1e-5)}. */
    private static final double EPSILON = 1e-5;
    /** The truncated normal's redraw uses {@code static_cast<T>(1.e-5f)}: a float literal, so not 1e-5 in DOUBLE. */
    private static final double REDRAW_EPSILON = 1e-5f;

    private final Libm libm;

    /** Ops whose Box–Muller calls {@code libm}. */
    public Nd4jDistributions(Libm libm) {
        this.libm = libm;
    }

    /** Ops with {@link Libm#best()}. */
    public static Nd4jDistributions best() {
        return new Nd4jDistributions(Libm.best());
    }

    /** Whether the Gaussian ops call the host's libm, as ND4J does (else they are close but not bit-exact). */
    public boolean exact() {
        return libm.isHostLibm();
    }

    /**
     * Throws a one-line error, naming {@code what} needs it, when this JVM cannot reproduce ND4J's Gaussian draws bit for
     * bit (seed mode: each side draws its own initial parameters and dropout from the seed).
     */
    public static void requireExact(String what) {
        if (!best().exact()) {
            throw new LockstepException(what + ": the engine reproduces ND4J's Gaussian draws bit for bit only with the"
                    + " host's libm, which this JVM cannot call: start it with --add-modules jdk.incubator.foreign"
                    + " --enable-native-access=ALL-UNNAMED (./lockstep does)");
        }
    }

    /** {@code UniformDistribution} op (opNum 0): z[i] = from + T(u_i · (to − from)). Modifies rng. */
    public double[] uniform(Nd4jRandom rng, int n, double from, double to, DType type) {
        Nd4jMath m = new Nd4jMath(type, libm);
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            z[i] = uniformAt(rng, m, i, from, to);
        }
        rng.rewind(n);
        return z;
    }

    /** relativeT&lt;T&gt;(index, from, to) = from + T(t · (to − from)) with from and to cast to T. */
    private static double uniformAt(Nd4jRandom rng, Nd4jMath m, long index, double from, double to) {
        double lo = m.r(from);
        return m.r(lo + m.r(m.uniform(rng, index) * m.r(m.r(to) - lo)));
    }

    /**
     * {@code GaussianDistribution} op: with middle = ceil(n/2), for e &lt; middle the uniforms
     * r0 = U(e), r1 = U(e + middle) on [1e-5, 1) give z[e] = sqrt(−2 ln r0)·cos(2π r1)·std + mean and,
     * if e + middle &lt; n, z[e + middle] = the same with sin. Modifies rng.
     */
    public double[] gaussian(Nd4jRandom rng, int n, double mean, double std, DType type) {
        double[] z = boxMuller(rng, n, mean, std, new Nd4jMath(type, libm));
        rng.rewind(n);
        return z;
    }

    private double[] boxMuller(Nd4jRandom rng, int n, double mean, double std, Nd4jMath m) {
        int middle = n / 2 + n % 2;
        double[] z = new double[n];
        for (int e = 0; e < middle; e++) {
            z[e] = boxMullerValue(rng, m, EPSILON, e, middle, mean, std, true);
            if (e + middle < n) {
                z[e + middle] = boxMullerValue(rng, m, EPSILON, e, middle, mean, std, false);
            }
        }
        return z;
    }

    private static double boxMullerValue(Nd4jRandom rng, Nd4jMath m, double epsilon, long e, long middle, double mean,
                                         double std, boolean cos) {
        double r0 = uniformAt(rng, m, e, epsilon, 1.0);
        double r1 = uniformAt(rng, m, e + middle, epsilon, 1.0);
        double twoPi = m.r(2.0 * m.r(Math.PI));
        double radius = m.sqrt(m.r(-2.0 * m.log(r0)));
        double angle = m.r(twoPi * r1);
        double unit = m.r(radius * (cos ? m.cos(angle) : m.sin(angle)));
        return m.r(m.r(unit * m.r(std)) + m.r(mean));
    }

    /**
     * {@code TruncatedNormalDistribution} op: the Gaussian op's z, then each z[e] outside mean ± 2|std| is
     * redrawn as the cos value of (U(e), U(e + middle)) — the same value again for e &lt; middle, since the
     * op's sin branch tests e + middle &lt; middle, which never holds — and, if still outside, set to
     * mean + the smallest normal double, added in double and stored as T (so exactly mean in FLOAT, as the
     * M2.1 binary gives: 0.0 for mean 0 in FLOAT, 2.2250738585072014E-308 in DOUBLE). Modifies rng (one rewindH(n)).
     */
    public double[] truncatedNormal(Nd4jRandom rng, int n, double mean, double std, DType type) {
        Nd4jMath m = new Nd4jMath(type, libm);
        double[] z = boxMuller(rng, n, mean, std, m);
        int middle = n / 2 + n % 2;
        double mu = m.r(mean);
        double bound = m.r(Math.abs(m.r(std)) * 2.0);
        for (int e = 0; e < n; e++) {
            if (outside(z[e], mu, bound, m)) {
                z[e] = boxMullerValue(rng, m, REDRAW_EPSILON, e, middle, mean, std, true);
                if (outside(z[e], mu, bound, m)) {
                    z[e] = m.r(mu + Double.MIN_NORMAL);
                }
            }
        }
        rng.rewind(n);
        return z;
    }

    /**
     * {@code DropOutInverted} op (opNum 2) on x: z[i] = U(i) &gt;= p ? 0 : x[i] / p in T, U(i) = relativeT&lt;T&gt;(i).
     * DL4J's Dropout runs it on a mask of ones, giving 0 or 1/p. Modifies rng.
     */
    public double[] dropOutInverted(Nd4jRandom rng, double[] x, double p, DType type) {
        Nd4jMath m = new Nd4jMath(type, libm);
        double prob = m.r(p);
        double[] z = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            z[i] = m.uniform(rng, i) >= prob ? 0.0 : m.r(m.r(x[i]) / prob);
        }
        rng.rewind(x.length);
        return z;
    }

    /** {@code BernoulliDistribution} op (opNum 7): z[i] = p &gt;= U(i) ? 1 : 0. Modifies rng. */
    public double[] bernoulli(Nd4jRandom rng, int n, double p, DType type) {
        Nd4jMath m = new Nd4jMath(type, libm);
        double prob = m.r(p);
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            z[i] = prob >= m.uniform(rng, i) ? 1.0 : 0.0;
        }
        rng.rewind(n);
        return z;
    }

    private static boolean outside(double z, double mean, double bound, Nd4jMath m) {
        return z > m.r(mean + bound) || z < m.r(mean - bound);
    }
}
