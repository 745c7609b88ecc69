package lockstep.linalg;

/**
 * Small products without packing, straight from the row-major arrays: {@code C (+)= op(A)·op(B)}
 * with op(A) [m,k], op(B) [k,n], C [m,n]. Each row of C is built in place by k passes over it, pass p
 * adding a_ip·b_pj with one fma per element, so every element is the same fma chain over p = 0..k-1,
 * from the old C or 0, as in the packed kernels: the results are bit-identical. For products too small
 * for packing to pay (a few thousand fmas). Modifies only c.
 */
final class DirectGemm {
    private DirectGemm() {
    }

    static void run(Matrix a, boolean transposeA, Matrix b, boolean transposeB, Matrix c, boolean accumulate) {
        int m = c.rows();
        int n = c.cols();
        int k = transposeA ? a.rows() : a.cols();
        // op(A)[i,p] = a[i*ar + p*ap], op(B)[p,j] = b[p*bp + j*bc]
        int ar = transposeA ? 1 : a.cols();
        int ap = transposeA ? a.cols() : 1;
        int bp = transposeB ? 1 : b.cols();
        int bc = transposeB ? b.cols() : 1;
        if (c instanceof FMatrix fc) {
            floats(((FMatrix) a).data, ar, ap, ((FMatrix) b).data, bp, bc, fc.data, m, n, k, accumulate);
        } else {
            doubles(((DMatrix) a).data, ar, ap, ((DMatrix) b).data, bp, bc, ((DMatrix) c).data, m, n, k, accumulate);
        }
    }

    private static void floats(float[] a, int ar, int ap, float[] b, int bp, int bc, float[] c, int m, int n, int k,
            boolean accumulate) {
        for (int i = 0, ci = 0; i < m; i++, ci += n) {
            if (!accumulate) {
                java.util.Arrays.fill(c, ci, ci + n, 0.0f);
            }
            for (int p = 0; p < k; p++) {
                float aip = a[i * ar + p * ap];
                for (int j = 0, bj = p * bp; j < n; j++, bj += bc) {
                    c[ci + j] = Math.fma(aip, b[bj], c[ci + j]);
                }
            }
        }
    }

    private static void doubles(double[] a, int ar, int ap, double[] b, int bp, int bc, double[] c, int m, int n, int k,
            boolean accumulate) {
        for (int i = 0, ci = 0; i < m; i++, ci += n) {
            if (!accumulate) {
                java.util.Arrays.fill(c, ci, ci + n, 0.0);
            }
            for (int p = 0; p < k; p++) {
                double aip = a[i * ar + p * ap];
                for (int j = 0, bj = p * bp; j < n; j++, bj += bc) {
                    c[ci + j] = Math.fma(aip, b[bj], c[ci + j]);
                }
            }
        }
    }
}
