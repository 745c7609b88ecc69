package lockstep.engine.autograd;

import lockstep.linalg.Matrix;

/**
 * The sum of all elements:
 * <pre>
 *   forward:  s = Σ_ij X_ij      X [m,n], s [1,1] (summed in double, row-major order)
 *   backward: dX = ds · 1        [m,n]
 * </pre>
 */
final class SumOp extends Op {
    private final Tensor x;

    private SumOp(Tensor x) {
        super(x);
        this.x = x;
    }

    static Tensor apply(Tensor x) {
        Matrix s = x.data().like(1, 1);
        s.set(0, sumOf(x.data()));                                         // s = Σ X       [1,1]
        return new SumOp(x).record(s);
    }

    static double sumOf(Matrix m) {
        double sum = 0.0;
        for (int i = 0, n = m.size(); i < n; i++) {
            sum += m.get(i);
        }
        return sum;
    }

    @Override
    public String name() {
        return "sum";
    }

    @Override
    protected Matrix[] backward(Matrix ds) {
        Matrix dX = ds.like(x.rows(), x.cols());
        dX.fill(ds.get(0));                                                // dX = ds       [m,n]
        return new Matrix[] {dX};
    }
}
