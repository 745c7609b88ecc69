package lockstep.engine.autograd;

import lockstep.linalg.Matrix;

/**
 * The largest element of each row (max pooling over windows laid out as rows):
 * <pre>
 *   forward:  y_r = X[r, k_r]          X [m,n], y [m,1]; k_r the FIRST column holding the row's maximum
 *   backward: dX[r, k_r] = dy_r        [m,n], 0 elsewhere (a tie's whole gradient goes to its first maximum)
 * </pre>
 */
final class RowMaxOp extends Op {
    private final Tensor x;
    private final int[] argmax;

    private RowMaxOp(Tensor x, int[] argmax) {
        super(x);
        this.x = x;
        this.argmax = argmax;
    }

    static Tensor apply(Tensor x) {
        Matrix m = x.data();
        Matrix y = m.like(m.rows(), 1);
        int[] argmax = new int[m.rows()];
        for (int r = 0; r < m.rows(); r++) {
            int best = 0;
            for (int k = 1; k < m.cols(); k++) {
                if (m.get(r, k) > m.get(r, best)) {                        // strictly greater: the first maximum stays
                    best = k;
                }
            }
            argmax[r] = best;
            y.set(r, 0, m.get(r, best));                                   // y_r = max_k X[r,k]
        }
        return new RowMaxOp(x, argmax).record(y);
    }

    @Override
    public String name() {
        return "rowMax";
    }

    @Override
    protected Matrix[] backward(Matrix dy) {
        Matrix dX = dy.like(x.rows(), x.cols());
        for (int r = 0; r < argmax.length; r++) {
            dX.set(r, argmax[r], dy.get(r, 0));                            // dX[r, k_r] = dy_r
        }
        return new Matrix[] {dX};
    }
}
