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
        if (z instanceof FMatrix fz) {                    // float + float, one rounding: as through get/set
            float[] zd = fz.data, bd = ((FMatrix) bias).data;
            for (int r = 0, i = 0; r < z.rows(); r++) {
                for (int c = 0; c < n; c++, i++) {
                    zd[i] += bd[c];
                }
            }
        } else {
            double[] zd = ((DMatrix) z).data, bd = ((DMatrix) bias).data;
            for (int r = 0, i = 0; r < z.rows(); r++) {
                for (int c = 0; c < n; c++, i++) {
                    zd[i] += bd[c];
                }
            }
        }
    }

    /** {@code out[0,c] = Σ_r m[r,c]}, summed in row order. m is [B,n], out [1,n]; modifies out. */
    public static void sumRows(Matrix m, Matrix out) {
        if (out.rows() != 1 || out.cols() != m.cols()) {
            throw new IllegalArgumentException("column sums of " + m.shape() + " do not fit " + out.shape());
        }
        int n = m.cols();
        if (m instanceof FMatrix fm) {                    // a float running sum per column, rows in order
            float[] md = fm.data, od = ((FMatrix) out).data;
            java.util.Arrays.fill(od, 0.0f);
            for (int r = 0, i = 0; r < m.rows(); r++) {
                for (int c = 0; c < n; c++, i++) {
                    od[c] += md[i];
                }
            }
        } else {
            double[] md = ((DMatrix) m).data, od = ((DMatrix) out).data;
            java.util.Arrays.fill(od, 0.0);
            for (int r = 0, i = 0; r < m.rows(); r++) {
                for (int c = 0; c < n; c++, i++) {
                    od[c] += md[i];
                }
            }
        }
    }
}
