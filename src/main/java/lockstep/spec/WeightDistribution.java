package lockstep.spec;

/**
 * Weights drawn i.i.d. from a distribution with fixed parameters (DL4J's {@code WeightInit.DISTRIBUTION}
 * with a {@code NormalDistribution}, {@code UniformDistribution} or {@code TruncatedNormalDistribution}).
 */
public sealed interface WeightDistribution extends WeightInitSpec {

    /** N(mean, std). */
    record Normal(double mean, double std) implements WeightDistribution {
        @Override
        public String describe() {
            return "normal(mean=" + Specs.number(mean) + ", std=" + Specs.number(std) + ")";
        }
    }

    /** U[lower, upper). */
    record Uniform(double lower, double upper) implements WeightDistribution {
        @Override
        public String describe() {
            return "uniform(lower=" + Specs.number(lower) + ", upper=" + Specs.number(upper) + ")";
        }
    }

    /**
     * ND4J's truncated normal, which is not the textbook one: a normal N(mean, std) is drawn, and a value
     * outside mean ± 2·std is redrawn once in the second half of the array and set to mean (plus the
     * smallest normal double) in the first half or when the redraw misses too. So about 2.3% of the
     * values sit at the mean, and the standard deviation is about 0.87·std.
     */
    record TruncatedNormal(double mean, double std) implements WeightDistribution {
        @Override
        public String describe() {
            return "truncated_normal(mean=" + Specs.number(mean) + ", std=" + Specs.number(std) + ")";
        }
    }
}
