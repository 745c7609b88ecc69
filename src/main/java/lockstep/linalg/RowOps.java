package lockstep.linalg;

/** Row-broadcast operations that dense layers need beside the matrix product. */
public final class RowOps {
    private RowOps() {
    }

    /** {@code z[r,c] += bias[0,c]} for every row r. z is [B,n], bias [1,n]; modifies z. */
    public static void addRowVector(Matrix z, Matrix bias) {
        if (bias.rows() != 1 || bias.cols() != z.cols()) {
            throw new IllegalArgumentException("bias " + bias.shape() + " does not fit rows of " + z.shape());
        }
        int n = z.cols();
        for (int r = 0; r < z.rows(); r++) {
            for (int c = 0; c < n; c++) {
                z.set(r * n + c, z.get(r * n + c) + bias.get(c));
            }
        }
    }

    /**
     * {@code out[i] = a[i] * b[i]} for every element (a Hadamard product, e.g. an input times its dropout
     * mask), computed in double and stored in out's type. a, b and out have the same shape; modifies out.
     */
    public static void multiplyElementwise(Matrix a, Matrix b, Matrix out) {
        if (a.rows() != b.rows() || a.cols() != b.cols() || out.rows() != a.rows() || out.cols() != a.cols()) {
            throw new IllegalArgumentException("elementwise product of " + a.shape() + " and " + b.shape() + " into " + out.shape());
        }
        for (int i = 0, n = a.size(); i < n; i++) {
            out.set(i, a.get(i) * b.get(i));
        }
    }

    /** {@code out[0,c] = Σ_r m[r,c]}, summed in row order. m is [B,n], out [1,n]; modifies out. */
    public static void sumRows(Matrix m, Matrix out) {
        if (out.rows() != 1 || out.cols() != m.cols()) {
            throw new IllegalArgumentException("column sums of " + m.shape() + " do not fit " + out.shape());
        }
        int n = m.cols();
        for (int c = 0; c < n; c++) {
            double sum = 0.0;
            if (m instanceof FMatrix fm) {
                float fsum = 0.0f;
                for (int r = 0; r < m.rows(); r++) {
                    fsum += fm.data[r * n + c];
                }
                sum = fsum;
            } else {
                for (int r = 0; r < m.rows(); r++) {
                    sum += m.get(r * n + c);
                }
            }
            out.set(c, sum);
        }
    }
}
