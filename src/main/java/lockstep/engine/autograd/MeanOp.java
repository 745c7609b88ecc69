package lockstep.engine.autograd;

import lockstep.linalg.Matrix;

/**
 * The mean of all elements:
 * <pre>
 *   forward:  μ = Σ_ij X_ij / (m·n)     X [m,n], μ [1,1]
 *   backward: dX = dμ / (m·n)           [m,n]
 * </pre>
 */
final class MeanOp extends Op {
    private final Tensor x;

    private MeanOp(Tensor x) {
        super(x);
        this.x = x;
    }

    static Tensor apply(Tensor x) {
        Matrix mu = x.data().like(1, 1);
        mu.set(0, SumOp.sumOf(x.data()) / x.data().size());                // μ = Σ X / mn  [1,1]
        return new MeanOp(x).record(mu);
    }

    @Override
    public String name() {
        return "mean";
    }

    @Override
    protected Matrix[] backward(Matrix dMu) {
        Matrix dX = dMu.like(x.rows(), x.cols());
        dX.fill(dMu.get(0) / x.data().size());                             // dX = dμ / mn  [m,n]
        return new Matrix[] {dX};
    }
}
