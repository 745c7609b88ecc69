package lockstep.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;
import lockstep.engine.init.WeightInitializer;
import lockstep.linalg.DType;
import lockstep.linalg.Matrix;
import lockstep.rand.SplitMix64;
import lockstep.spec.ActivationType;
import lockstep.spec.LayerSpec;
import lockstep.spec.LossType;
import lockstep.spec.NetworkSpec;
import lockstep.spec.UpdaterSpec;
import lockstep.spec.UpdaterType;
import lockstep.spec.WeightDistribution;
import lockstep.spec.WeightInit;
import lockstep.spec.WeightInitSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The engine's initial weights come from the same distribution as DL4J's own (native-RNG) draw, for
 * every scheme: bit equality is impossible, so a 300x200 W from each side is compared by a two-sample
 * Kolmogorov–Smirnov test, and the mean and variance of each side are compared with the values DL4J's
 * formula implies. ZERO, ONES and IDENTITY must be equal exactly. Planted-bug twins (a 10% wrong scale)
 * show that the same checks fail when the engine's formula is wrong. Fixed seeds: deterministic.
 */
class WeightInitParityTest {
    private static final int IN = 300;
    private static final int OUT = 200;
    private static final int N = IN * OUT;
    private static final long SEED = 20240607;
    private static final double ALPHA = 0.001;
    /** Moments must lie within this many standard errors of the theoretical value. */
    private static final double K = 4.0;
    /** Variance of ND4J's truncated normal with std 1 (see {@link #nd4jTruncatedNormalVariance()}). */
    private static final double TRUNC_VAR = nd4jTruncatedNormalVariance();
    private static final Map<String, String> TABLE = new TreeMap<>();

    /** A scheme and the mean and variance its formula implies for W [300,200] (fanIn 300, fanOut 200). */
    record Case(String name, WeightInitSpec init, double mean, double variance) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("XAVIER", WeightInit.XAVIER, 0, 2.0 / (IN + OUT)),
                new Case("XAVIER_UNIFORM", WeightInit.XAVIER_UNIFORM, 0, uniformVariance(Math.sqrt(6.0 / (IN + OUT)))),
                new Case("XAVIER_FAN_IN", WeightInit.XAVIER_FAN_IN, 0, 1.0 / IN),
                new Case("XAVIER_LEGACY", WeightInit.XAVIER_LEGACY, 0, 1.0 / (IN + OUT)),
                new Case("RELU", WeightInit.RELU, 0, 2.0 / IN),
                new Case("RELU_UNIFORM", WeightInit.RELU_UNIFORM, 0, uniformVariance(Math.sqrt(6.0 / IN))),
                new Case("LECUN_NORMAL", WeightInit.LECUN_NORMAL, 0, 1.0 / IN),
                new Case("LECUN_UNIFORM", WeightInit.LECUN_UNIFORM, 0, uniformVariance(3.0 / Math.sqrt(IN))),
                new Case("NORMAL", WeightInit.NORMAL, 0, 1.0 / IN),
                new Case("UNIFORM", WeightInit.UNIFORM, 0, uniformVariance(1.0 / Math.sqrt(IN))),
                new Case("SIGMOID_UNIFORM", WeightInit.SIGMOID_UNIFORM, 0, uniformVariance(4.0 * Math.sqrt(6.0 / (IN + OUT)))),
                new Case("VAR_SCALING_NORMAL_FAN_IN", WeightInit.VAR_SCALING_NORMAL_FAN_IN, 0, TRUNC_VAR / IN),
                new Case("VAR_SCALING_NORMAL_FAN_OUT", WeightInit.VAR_SCALING_NORMAL_FAN_OUT, 0, TRUNC_VAR / OUT),
                new Case("VAR_SCALING_NORMAL_FAN_AVG", WeightInit.VAR_SCALING_NORMAL_FAN_AVG, 0, TRUNC_VAR * 2.0 / (IN + OUT)),
                new Case("VAR_SCALING_UNIFORM_FAN_IN", WeightInit.VAR_SCALING_UNIFORM_FAN_IN, 0, uniformVariance(3.0 / Math.sqrt(IN))),
                new Case("VAR_SCALING_UNIFORM_FAN_OUT", WeightInit.VAR_SCALING_UNIFORM_FAN_OUT, 0, uniformVariance(3.0 / Math.sqrt(OUT))),
                new Case("VAR_SCALING_UNIFORM_FAN_AVG", WeightInit.VAR_SCALING_UNIFORM_FAN_AVG, 0,
                        uniformVariance(3.0 / Math.sqrt((IN + OUT) / 2.0))),
                new Case("normal(0.05, 0.5)", new WeightDistribution.Normal(0.05, 0.5), 0.05, 0.25),
                new Case("uniform(-0.1, 0.3)", new WeightDistribution.Uniform(-0.1, 0.3), 0.1, 0.4 * 0.4 / 12),
                new Case("truncated_normal(1, 0.5)", new WeightDistribution.TruncatedNormal(1, 0.5), 1, TRUNC_VAR * 0.25));
    }

    @Test
    void everyRandomSchemeHasACase() {
        EnumSet<WeightInit> covered = EnumSet.noneOf(WeightInit.class);
        cases().forEach(c -> {
            if (c.init() instanceof WeightInit w) {
                covered.add(w);
            }
        });
        assertEquals(EnumSet.complementOf(EnumSet.of(WeightInit.ZERO, WeightInit.ONES, WeightInit.IDENTITY)), covered);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void engineAndDl4jDrawFromTheSameDistribution(Case c) {
        long seed = SEED + c.name().hashCode();   // independent draws per case (the same seed scales the same normals)
        double[] dl4j = dl4jWeights(c.init(), IN, OUT, seed);
        double[] engine = engineWeights(c.init(), IN, OUT, seed);
        KolmogorovSmirnov.Result ks = KolmogorovSmirnov.twoSample(engine, dl4j);
        TABLE.put(c.name(), String.format("%-28s D=%.5f  p=%.3f  mean dl4j %+.2e engine %+.2e  var/theory dl4j %.4f engine %.4f",
                c.name(), ks.d(), ks.pValue(), mean(dl4j), mean(engine), variance(dl4j) / c.variance(), variance(engine) / c.variance()));
        assertFalse(ks.rejects(ALPHA), () -> c.name() + ": KS rejects, " + ks);
        assertMomentsMatchTheory(c, dl4j, "dl4j");
        assertMomentsMatchTheory(c, engine, "engine");
    }

    @ParameterizedTest
    @EnumSource(value = WeightInit.class, names = {"ZERO", "ONES"})
    void constantsAreExactlyEqual(WeightInit scheme) {
        assertArrayEquals(dl4jWeights(scheme, IN, OUT), engineWeights(scheme, IN, OUT), 0.0);
    }

    @Test
    void identityIsExactlyEqual() {
        double[] dl4j = dl4jWeights(WeightInit.IDENTITY, OUT, OUT);
        assertArrayEquals(dl4j, engineWeights(WeightInit.IDENTITY, OUT, OUT), 0.0);
        assertEquals(OUT, mean(dl4j) * OUT * OUT, 1e-9, "the identity: OUT ones");
    }

    /**
     * ND4J's truncated normal puts a value outside mean ± 2 std at the mean (plus the smallest normal
     * double) in the first half of its buffer; the engine reproduces where and how often.
     */
    @Test
    void truncatedNormalPutsTheSameShareAtTheMeanInTheSameColumns() {
        WeightInit scheme = WeightInit.VAR_SCALING_NORMAL_FAN_IN;
        double[] dl4j = dl4jWeights(scheme, IN, OUT);
        double[] engine = engineWeights(scheme, IN, OUT);
        int[] d = countAtMean(dl4j);
        int[] e = countAtMean(engine);
        double expected = N / 2.0 * 0.0455;   // P(|Z| > 2) = 0.0455, in the first half of the columns
        double se = Math.sqrt(expected);
        assertEquals(expected, d[0], K * se, "dl4j, first half of the columns");
        assertEquals(expected, e[0], K * se, "engine, first half of the columns");
        assertTrue(d[1] < 10 && e[1] < 10, () -> "second half: dl4j " + d[1] + ", engine " + e[1]);
        assertTrue(max(dl4j) <= 2 / Math.sqrt(IN) && max(engine) <= 2 / Math.sqrt(IN), "within 2 std");
    }

    /** The planted-bug twins: the engine's draw with a 10% wrong scale is rejected by the same checks. */
    @ParameterizedTest
    @EnumSource(value = WeightInit.class, names = {"XAVIER", "XAVIER_UNIFORM", "VAR_SCALING_NORMAL_FAN_IN"})
    void aTenPercentWrongScaleIsRejected(WeightInit scheme) {
        double[] dl4j = dl4jWeights(scheme, IN, OUT);
        double[] wrong = engineWeights(scheme, IN, OUT);
        for (int i = 0; i < wrong.length; i++) {
            wrong[i] *= 1.1;
        }
        KolmogorovSmirnov.Result ks = KolmogorovSmirnov.twoSample(wrong, dl4j);
        TABLE.put("~" + scheme + " x1.1", String.format("%-28s D=%.5f  p=%.1e  (planted bug: std x 1.1, must be rejected)",
                scheme + " x1.1", ks.d(), ks.pValue()));
        assertTrue(ks.rejects(ALPHA), () -> scheme + " x 1.1 not rejected: " + ks);
        double theory = cases().filter(c -> c.init() == scheme).findFirst().orElseThrow().variance();
        assertTrue(Math.abs(variance(wrong) - theory) > K * varianceStandardError(wrong), "the variance check fails too");
    }

    /**
     * Why the engine reproduces ND4J's algorithm instead of the textbook truncated normal (every value
     * outside ±2 std redrawn until inside): KS tells that one apart from DL4J's draw too.
     */
    @Test
    void aTextbookTruncatedNormalIsRejected() {
        double std = Math.sqrt(1.0 / IN);
        double[] dl4j = dl4jWeights(WeightInit.VAR_SCALING_NORMAL_FAN_IN, IN, OUT);
        double[] textbook = new double[N];
        SplitMix64 rng = new SplitMix64(SEED);
        for (int i = 0; i < N; i++) {
            double z;
            do {
                z = rng.nextGaussian();
            } while (Math.abs(z) > 2);
            textbook[i] = z * std;
        }
        KolmogorovSmirnov.Result ks = KolmogorovSmirnov.twoSample(textbook, dl4j);
        TABLE.put("~textbook", String.format("%-28s D=%.5f  p=%.1e  (textbook truncated normal, must be rejected)",
                "textbook truncated normal", ks.d(), ks.pValue()));
        assertTrue(ks.rejects(ALPHA), () -> "textbook truncated normal not rejected: " + ks);
    }

    @AfterAll
    static void printTable() {
        System.out.printf("ND4J truncated normal: variance %.5f std^2%n", TRUNC_VAR);
        System.out.println("WeightInitParityTest: engine vs DL4J initial W [" + IN + "," + OUT + "], two-sample KS, alpha " + ALPHA);
        TABLE.values().forEach(System.out::println);
    }

    // ---- drawing W on each side

    private static NetworkSpec oneLayer(WeightInitSpec init, int nIn, int nOut) {
        return new NetworkSpec(List.of(new LayerSpec(nIn, nOut, ActivationType.IDENTITY)), LossType.MSE, init,
                new UpdaterSpec(UpdaterType.SGD, 0.1));
    }

    /** DL4J's own initial W (row-major), drawn by its native RNG. */
    private static double[] dl4jWeights(WeightInitSpec init, int nIn, int nOut) {
        return dl4jWeights(init, nIn, nOut, SEED);
    }

    private static double[] dl4jWeights(WeightInitSpec init, int nIn, int nOut, long seed) {
        return new Dl4jTrainer(oneLayer(init, nIn, nOut), DType.DOUBLE, seed).parameters().get("0_W");
    }

    /** The engine's initial W (row-major). */
    private static double[] engineWeights(WeightInitSpec init, int nIn, int nOut) {
        return engineWeights(init, nIn, nOut, SEED);
    }

    private static double[] engineWeights(WeightInitSpec init, int nIn, int nOut, long seed) {
        Matrix w = Matrix.zeros(DType.DOUBLE, nIn, nOut);
        WeightInitializer.initialize(w, init, seed, 0);
        return w.toDoubleArray();
    }

    // ---- moments

    private static void assertMomentsMatchTheory(Case c, double[] x, String side) {
        double meanError = Math.sqrt(c.variance() / x.length);
        assertEquals(c.mean(), mean(x), K * meanError, () -> c.name() + " " + side + ": mean");
        assertEquals(c.variance(), variance(x), K * varianceStandardError(x), () -> c.name() + " " + side + ": variance");
    }

    private static double uniformVariance(double s) {
        return s * s / 3;   // U[-s, s]
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    private static double variance(double[] x) {
        return centralMoment(x, 2) * x.length / (x.length - 1);
    }

    /** Standard error of the sample variance: sqrt((m4 - m2²) / n). */
    private static double varianceStandardError(double[] x) {
        double m2 = centralMoment(x, 2);
        return Math.sqrt((centralMoment(x, 4) - m2 * m2) / x.length);
    }

    private static double centralMoment(double[] x, int k) {
        double m = mean(x);
        double s = 0;
        for (double v : x) {
            s += Math.pow(v - m, k);
        }
        return s / x.length;
    }

    private static double max(double[] x) {
        double m = 0;
        for (double v : x) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    /** How many values sit at the mean 0 (|w| < 1e-300), in columns j < OUT/2 and j >= OUT/2 of W [IN,OUT]. */
    private static int[] countAtMean(double[] rowMajor) {
        int[] counts = new int[2];
        for (int i = 0; i < rowMajor.length; i++) {
            if (Math.abs(rowMajor[i]) < 1e-300) {
                counts[i % OUT < OUT / 2 ? 0 : 1]++;
            }
        }
        return counts;
    }

    /**
     * Var of ND4J's truncated normal (mean 0, std 1) over an even-length buffer, from its algorithm (see
     * WeightInitializer.nd4jTruncatedNormal): Z = R cos θ (first half) or R sin θ (second half) from
     * Box–Muller; outside ±2 the first half gets 0, the second half Z' = sqrt(-2 ln u) cos φ with u the
     * uniform that gave θ and φ fresh, and 0 if Z' is outside ±2 too. So
     * Var = A + B/2 with A = E[Z²; |Z| ≤ 2] = ∫_{-2}^{2} z² φ(z) dz and
     * B = ∫_0^1 P(|R sin 2πu| > 2) E[Z'²; |Z'| ≤ 2 | u] du, where P(|R sin 2πu| > 2) = exp(-2 / sin²(2πu))
     * and, with r² = -2 ln u, E[r² cos² φ; |r cos φ| ≤ 2] = r²/2 for r ≤ 2, else r² (π - 2α - sin 2α) / (2π), α = acos(2/r).
     */
    static double nd4jTruncatedNormalVariance() {
        double a = simpson(z -> z * z * Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI), -2, 2, 4000);
        double b = simpson(u -> {
            if (u <= 0 || u >= 1) {
                return 0.0;
            }
            double s = Math.sin(2 * Math.PI * u);
            double outside = Math.exp(-2 / (s * s));
            double r2 = -2 * Math.log(u);
            double r = Math.sqrt(r2);
            if (r <= 2) {
                return outside * r2 / 2;
            }
            double alpha = Math.acos(2 / r);
            return outside * r2 * (Math.PI - 2 * alpha - Math.sin(2 * alpha)) / (2 * Math.PI);
        }, 0, 1, 200_000);
        return a + b / 2;
    }

    private static double simpson(DoubleUnaryOperator f, double from, double to, int intervals) {
        double h = (to - from) / intervals;
        double sum = f.applyAsDouble(from) + f.applyAsDouble(to);
        for (int i = 1; i < intervals; i++) {
            sum += f.applyAsDouble(from + i * h) * (i % 2 == 1 ? 4 : 2);
        }
        return sum * h / 3;
    }

    @Test
    void truncatedNormalVarianceLiesBetweenItsBounds() {
        // above A = E[Z²; |Z| <= 2] = 0.7385 (every value outside ±2 set to 0), below the textbook
        // 2-sigma truncated normal's 0.7737 (every value outside redrawn until inside)
        assertTrue(TRUNC_VAR > 0.7385 && TRUNC_VAR < 0.7737, () -> "got " + TRUNC_VAR);
    }
}
