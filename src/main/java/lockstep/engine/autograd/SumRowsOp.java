package lockstep.engine.autograd;

import lockstep.linalg.Matrix;
import lockstep.linalg.RowOps;

/**
 * The sum over the rows, one per column (batch normalisation's per-channel sums):
 * <pre>
 *   forward:  s = Σ_rows X       X [m,n], s [1,n] (rows in order)
 *   backward: dX = 1·ds          [m,n]   (ds on every row)
 * </pre>
 */
final class SumRowsOp extends Op {
    private final Tensor x;

    private SumRowsOp(Tensor x) {
        super(x);
        this.x = x;
    }

    static Tensor apply(Tensor x) {
        Matrix s = x.data().like(1, x.cols());
        RowOps.sumRows(x.data(), s);                                       // s = Σ_rows X  [1,n]
        return new SumRowsOp(x).record(s);
    }

    @Override
    public String name() {
        return "sumRows";
    }

    @Override
    protected Matrix[] backward(Matrix ds) {
        Matrix dX = ds.like(x.rows(), x.cols());
        RowOps.addRowVector(dX, ds);                                       // dX = 1·ds     [m,n]
        return new Matrix[] {dX};
    }
}
