package lockstep.bench;

import java.util.List;

/**
 * A sample's mean and its 95% confidence interval (Student's t with n-1 degrees of freedom); low and high are NaN
 * below two samples. Immutable.
 */
record Interval(double mean, double low, double high, int samples) {
    /** t(0.975) for 1 to 30 degrees of freedom; 1.96 beyond. */
    private static final double[] T975 = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
        2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060,
        2.056, 2.052, 2.048, 2.045, 2.042};

    static Interval of(List<Double> xs) {
        int n = xs.size();
        double mean = xs.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        if (n < 2) {
            return new Interval(mean, Double.NaN, Double.NaN, n);
        }
        double var = xs.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum() / (n - 1);
        double t = n - 1 <= T975.length ? T975[n - 2] : 1.96;
        double half = t * Math.sqrt(var / n);
        return new Interval(mean, mean - half, mean + half, n);
    }

    /** Every bound mapped by {@code f}, which must be increasing (e.g. a ratio to an overhead in percent). */
    Interval map(java.util.function.DoubleUnaryOperator f) {
        return new Interval(f.applyAsDouble(mean), f.applyAsDouble(low), f.applyAsDouble(high), samples);
    }

    boolean hasBounds() {
        return Double.isFinite(low) && Double.isFinite(high);
    }
}
