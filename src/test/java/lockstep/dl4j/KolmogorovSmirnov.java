package lockstep.dl4j;

import java.util.Arrays;

/**
 * The two-sample Kolmogorov–Smirnov test: D = sup_x |F_a(x) - F_b(x)| over the two empirical CDFs, and
 * its asymptotic p-value Q_KS(λ) with λ = (√n_e + 0.12 + 0.11/√n_e)·D, n_e = nm/(n+m) (Stephens'
 * correction, as in Numerical Recipes §14.3). Ties (values present in both samples) are handled:
 * both CDFs step past a tied value before they are compared.
 */
final class KolmogorovSmirnov {

    /** D and its p-value; the test rejects "same distribution" at level alpha when p < alpha. */
    record Result(double d, double pValue) {
        boolean rejects(double alpha) {
            return pValue < alpha;
        }
    }

    private KolmogorovSmirnov() {
    }

    static Result twoSample(double[] a, double[] b) {
        double d = statistic(a, b);
        return new Result(d, pValue(d, a.length, b.length));
    }

    static double statistic(double[] a, double[] b) {
        double[] x = a.clone();
        double[] y = b.clone();
        Arrays.sort(x);
        Arrays.sort(y);
        int i = 0;
        int j = 0;
        double d = 0;
        while (i < x.length && j < y.length) {
            double t = Math.min(x[i], y[j]);
            while (i < x.length && x[i] == t) {
                i++;
            }
            while (j < y.length && y[j] == t) {
                j++;
            }
            d = Math.max(d, Math.abs((double) i / x.length - (double) j / y.length));
        }
        return d;
    }

    static double pValue(double d, int n, int m) {
        double ne = Math.sqrt((double) n * m / (n + m));
        return q((ne + 0.12 + 0.11 / ne) * d);
    }

    /**
     * Q_KS(λ) = P(K > λ) for the Kolmogorov distribution: 2 Σ_{j≥1} (-1)^(j-1) exp(-2 j² λ²) for λ ≥ 1.18,
     * and 1 - (√(2π)/λ) Σ_{j≥1} exp(-(2j-1)² π² / (8λ²)) below, where that series converges faster.
     */
    static double q(double lambda) {
        if (lambda <= 0) {
            return 1.0;
        }
        double sum = 0;
        if (lambda < 1.18) {
            for (int j = 1; j <= 20; j++) {
                sum += Math.exp(-(2 * j - 1) * (2 * j - 1) * Math.PI * Math.PI / (8 * lambda * lambda));
            }
            return Math.max(0.0, 1.0 - Math.sqrt(2 * Math.PI) / lambda * sum);
        }
        for (int j = 1; j <= 100; j++) {
            sum += (j % 2 == 1 ? 2 : -2) * Math.exp(-2.0 * j * j * lambda * lambda);
        }
        return Math.min(1.0, Math.max(0.0, sum));
    }
}
