package lockstep.linalg;

import lockstep.rand.SplitMix64;

/**
 * Test support: runs a candidate {@link MatMul} and {@link NaiveMatMul} on copies of the same C
 * and compares them element by element. The error allowed for element (i,j) is
 * {@code 4 (k+1) eps · cond(i,j)} with {@code cond = |c0(i,j)| (when accumulating) + Σ_p |a_ip b_pj|},
 * the condition of that dot product, and eps the unit roundoff of the dtype. Plain Java (no JUnit),
 * so the no-vector-module probe can use it too. Modifies none of its arguments.
 */
final class OracleComparison {
    private OracleComparison() {
    }

    /** The worst element: {@code ratio} = error / allowed error, so {@link #ok()} means ratio <= 1. */
    record Result(double ratio, int row, int col, double expected, double actual, double cond) {
        boolean ok() {
            return ratio <= 1.0;
        }

        @Override
        public String toString() {
            return "worst element (" + row + "," + col + "): expected " + expected + ", got " + actual
                    + ", cond " + cond + ", error/allowed " + ratio;
        }
    }

    static double unitRoundoff(DType dtype) {
        return dtype == DType.FLOAT ? 0x1p-24 : 0x1p-53;
    }

    /** A [rows,cols] matrix with elements uniform in [-1, 1). */
    static Matrix random(DType dtype, int rows, int cols, SplitMix64 rng) {
        double[] values = new double[rows * cols];
        for (int i = 0; i < values.length; i++) {
            values[i] = 2.0 * rng.nextDouble() - 1.0;
        }
        return Matrix.of(dtype, rows, cols, values);
    }

    /** Runs both products on copies of {@code c0} and returns the worst element. */
    static Result compare(MatMul candidate, Matrix a, boolean ta, Matrix b, boolean tb, Matrix c0, boolean accumulate) {
        Matrix expected = c0.copy();
        new NaiveMatMul().multiply(a, ta, b, tb, expected, accumulate);
        Matrix actual = c0.copy();
        candidate.multiply(a, ta, b, tb, actual, accumulate);
        return compare(a, ta, b, tb, c0, accumulate, expected, actual);
    }

    /** Compares two results of {@code C (+)= op(A)·op(B)} started from {@code c0}. */
    static Result compare(Matrix a, boolean ta, Matrix b, boolean tb, Matrix c0, boolean accumulate,
            Matrix expected, Matrix actual) {
        int m = c0.rows();
        int n = c0.cols();
        int k = ta ? a.rows() : a.cols();
        double allowedPerCond = 4.0 * (k + 1) * unitRoundoff(c0.dtype());
        double[] ad = a.toDoubleArray();
        double[] bd = b.toDoubleArray();
        // op(A)[i,p] = ad[i*lda + p*sa], op(B)[p,j] = bd[p*sb + j*ldb]
        int lda = ta ? 1 : a.cols();
        int sa = ta ? a.cols() : 1;
        int sb = tb ? 1 : b.cols();
        int ldb = tb ? b.cols() : 1;
        Result worst = new Result(0.0, -1, -1, 0.0, 0.0, 0.0);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double cond = accumulate ? Math.abs(c0.get(i, j)) : 0.0;
                for (int p = 0; p < k; p++) {
                    cond += Math.abs(ad[i * lda + p * sa] * bd[p * sb + j * ldb]);
                }
                double e = expected.get(i, j);
                double x = actual.get(i, j);
                double error = Math.abs(x - e);
                double ratio = error == 0.0 ? 0.0 : cond == 0.0 ? Double.POSITIVE_INFINITY : error / (cond * allowedPerCond);
                if (Double.isNaN(ratio)) {
                    ratio = Double.POSITIVE_INFINITY;
                }
                if (ratio > worst.ratio() || worst.row() < 0) {
                    worst = new Result(ratio, i, j, e, x, cond);
                }
            }
        }
        return worst;
    }

    /** Throws an AssertionError naming {@code context} unless the candidate agrees with the oracle. */
    static void assertAgrees(MatMul candidate, Matrix a, boolean ta, Matrix b, boolean tb, Matrix c0,
            boolean accumulate, String context) {
        Result r = compare(candidate, a, ta, b, tb, c0, accumulate);
        if (!r.ok()) {
            throw new AssertionError(context + ": " + r);
        }
    }
}
