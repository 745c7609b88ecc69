package lockstep.linalg;

/**
 * The textbook triple loop, summing over k in increasing order with an accumulator of the
 * matrices' own type. It is the oracle that faster kernels are tested against.
 */
public final class NaiveMatMul implements MatMul {

    @Override
    public void multiply(Matrix a, boolean transposeA, Matrix b, boolean transposeB, Matrix c, boolean accumulate) {
        MatMul.checkShapes(a, transposeA, b, transposeB, c);
        int m = c.rows();
        int n = c.cols();
        int k = transposeA ? a.rows() : a.cols();
        // element (i,p) of op(A) lives at i*lda + p*sa, element (p,j) of op(B) at p*sb + j*ldb
        int lda = transposeA ? 1 : a.cols();
        int sa = transposeA ? a.cols() : 1;
        int sb = transposeB ? 1 : b.cols();
        int ldb = transposeB ? b.cols() : 1;
        if (c instanceof DMatrix dc) {
            DMatrix da = (DMatrix) a, db = (DMatrix) b;
            double[] ad = da.data, bd = db.data, cd = dc.data;
            int ao = da.off, bo = db.off, co = dc.off;
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double sum = 0.0;
                    for (int p = 0; p < k; p++) {
                        sum += ad[ao + i * lda + p * sa] * bd[bo + p * sb + j * ldb];
                    }
                    cd[co + i * n + j] = accumulate ? cd[co + i * n + j] + sum : sum;
                }
            }
        } else {
            FMatrix fa = (FMatrix) a, fb = (FMatrix) b, fc = (FMatrix) c;
            float[] ad = fa.data, bd = fb.data, cd = fc.data;
            int ao = fa.off, bo = fb.off, co = fc.off;
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    float sum = 0.0f;
                    for (int p = 0; p < k; p++) {
                        sum += ad[ao + i * lda + p * sa] * bd[bo + p * sb + j * ldb];
                    }
                    cd[co + i * n + j] = accumulate ? cd[co + i * n + j] + sum : sum;
                }
            }
        }
    }
}
