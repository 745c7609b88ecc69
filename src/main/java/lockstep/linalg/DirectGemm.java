package lockstep.linalg;

/**
 * Small products without packing, straight from the row-major arrays: {@code C (+)= op(A)·op(B)}
 * with op(A) [m,k], op(B) [k,n], C [m,n]. Each element of C is one fma chain over p = 0..k-1 in a
 * register, from the old C or 0 (four elements of a row side by side), as in the packed kernels: the
 * results are bit-identical. For products too small
 * for packing to pay (a few thousand fmas). Modifies only c.
 */
final class DirectGemm {
    private DirectGemm() {
    }

    static void run(Matrix a, boolean transposeA, Matrix b, boolean transposeB, Matrix c, boolean accumulate) {
        int m = c.rows();
        int n = c.cols();
        int k = transposeA ? a.rows() : a.cols();
        // op(A)[i,p] = a[a0 + i*ar + p*ap], op(B)[p,j] = b[b0 + p*bp + j*bc], C[i,j] = c[c0 + i*n + j]
        int ar = transposeA ? 1 : a.cols();
        int ap = transposeA ? a.cols() : 1;
        int bp = transposeB ? 1 : b.cols();
        int bc = transposeB ? b.cols() : 1;
        if (c instanceof FMatrix fc) {
            FMatrix fa = (FMatrix) a, fb = (FMatrix) b;
            floats(fa.data, fa.off, ar, ap, fb.data, fb.off, bp, bc, fc.data, fc.off, m, n, k, accumulate);
        } else {
            DMatrix da = (DMatrix) a, db = (DMatrix) b, dc = (DMatrix) c;
            doubles(da.data, da.off, ar, ap, db.data, db.off, bp, bc, dc.data, dc.off, m, n, k, accumulate);
        }
    }

    private static void floats(float[] a, int a0, int ar, int ap, float[] b, int b0, int bp, int bc, float[] c, int c0, int m,
            int n, int k, boolean accumulate) {
        for (int i = 0, ci = c0; i < m; i++, ci += n) {
            int j = 0;
            for (; j + 3 < n; j += 4) {         // four chains side by side in registers
                int cj = ci + j;
                float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
                if (accumulate) {
                    s0 = c[cj]; s1 = c[cj + 1]; s2 = c[cj + 2]; s3 = c[cj + 3];
                }
                for (int p = 0, ai = a0 + i * ar, bj = b0 + j * bc; p < k; p++, ai += ap, bj += bp) {
                    float aip = a[ai];
                    s0 = Math.fma(aip, b[bj], s0);
                    s1 = Math.fma(aip, b[bj + bc], s1);
                    s2 = Math.fma(aip, b[bj + 2 * bc], s2);
                    s3 = Math.fma(aip, b[bj + 3 * bc], s3);
                }
                c[cj] = s0; c[cj + 1] = s1; c[cj + 2] = s2; c[cj + 3] = s3;
            }
            for (; j < n; j++) {
                float s = accumulate ? c[ci + j] : 0;
                for (int p = 0, ai = a0 + i * ar, bj = b0 + j * bc; p < k; p++, ai += ap, bj += bp) {
                    s = Math.fma(a[ai], b[bj], s);
                }
                c[ci + j] = s;
            }
        }
    }

    private static void doubles(double[] a, int a0, int ar, int ap, double[] b, int b0, int bp, int bc, double[] c, int c0, int m,
            int n, int k, boolean accumulate) {
        for (int i = 0, ci = c0; i < m; i++, ci += n) {
            int j = 0;
            for (; j + 3 < n; j += 4) {
                int cj = ci + j;
                double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
                if (accumulate) {
                    s0 = c[cj]; s1 = c[cj + 1]; s2 = c[cj + 2]; s3 = c[cj + 3];
                }
                for (int p = 0, ai = a0 + i * ar, bj = b0 + j * bc; p < k; p++, ai += ap, bj += bp) {
                    double aip = a[ai];
                    s0 = Math.fma(aip, b[bj], s0);
                    s1 = Math.fma(aip, b[bj + bc], s1);
                    s2 = Math.fma(aip, b[bj + 2 * bc], s2);
                    s3 = Math.fma(aip, b[bj + 3 * bc], s3);
                }
                c[cj] = s0; c[cj + 1] = s1; c[cj + 2] = s2; c[cj + 3] = s3;
            }
            for (; j < n; j++) {
                double s = accumulate ? c[ci + j] : 0;
                for (int p = 0, ai = a0 + i * ar, bj = b0 + j * bc; p < k; p++, ai += ap, bj += bp) {
                    s = Math.fma(a[ai], b[bj], s);
                }
                c[ci + j] = s;
            }
        }
    }
}
