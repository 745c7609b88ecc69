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
            double[] ad = ((DMatrix) a).data;
            double[] bd = ((DMatrix) b).data;
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double sum = 0.0;
                    for (int p = 0; p < k; p++) {
                        sum += ad[i * lda + p * sa] * bd[p * sb + j * ldb];
                    }
                    dc.data[i * n + j] = accumulate ? dc.data[i * n + j] + sum : sum;
                }
            }
        } else {
            float[] ad = ((FMatrix) a).data;
            float[] bd = ((FMatrix) b).data;
            float[] cd = ((FMatrix) c).data;
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    float sum = 0.0f;
                    for (int p = 0; p < k; p++) {
                        sum += ad[i * lda + p * sa] * bd[p * sb + j * ldb];
                    }
                    cd[i * n + j] = accumulate ? cd[i * n + j] + sum : sum;
                }
            }
        }
    }
}
