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
            FMatrix fb = (FMatrix) bias;
            float[] zd = fz.data, bd = fb.data;
            int bo = fb.off;
            for (int r = 0, i = fz.off; r < z.rows(); r++) {
                for (int c = 0; c < n; c++, i++) {
                    zd[i] += bd[bo + c];
                }
            }
        } else {
            DMatrix dz = (DMatrix) z, db = (DMatrix) bias;
            double[] zd = dz.data, bd = db.data;
            int bo = db.off;
            for (int r = 0, i = dz.off; r < z.rows(); r++) {
                for (int c = 0; c < n; c++, i++) {
                    zd[i] += bd[bo + c];
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
            FMatrix fo = (FMatrix) out;
            float[] md = fm.data, od = fo.data;
            int oo = fo.off;
            out.fill(0.0);
            for (int r = 0, i = fm.off; r < m.rows(); r++) {
                for (int c = 0; c < n; c++, i++) {
                    od[oo + c] += md[i];
                }
            }
        } else {
            DMatrix dm = (DMatrix) m, dout = (DMatrix) out;
            double[] md = dm.data, od = dout.data;
            int oo = dout.off;
            out.fill(0.0);
            for (int r = 0, i = dm.off; r < m.rows(); r++) {
                for (int c = 0; c < n; c++, i++) {
                    od[oo + c] += md[i];
                }
            }
        }
    }
}
