package lockstep.engine.autograd;

import lockstep.linalg.ElementOps;
import lockstep.linalg.Matrix;

/**
 * An input times a constant mask, element by element (inverted dropout):
 * <pre>
 *   forward:  Y = X ⊙ M        X, M, Y [B,n]
 *   backward: dX = dY ⊙ M      [B,n]
 * </pre>
 * The mask is no tensor: it gets no gradient.
 */
final class MaskOp extends Op {
    private final Matrix mask;

    private MaskOp(Tensor x, Matrix mask) {
        super(x);
        this.mask = mask;
    }

    static Tensor apply(Tensor x, Matrix mask) {
        Matrix y = x.data().like(x.rows(), x.cols());
        ElementOps.multiply(x.data(), mask, y);                     // Y = X ⊙ M     [B,n]
        return new MaskOp(x, mask).record(y);
    }

    @Override
    public String name() {
        return "mask";
    }

    @Override
    protected Matrix[] backward(Matrix dY) {
        Matrix dX = dY.like(dY.rows(), dY.cols());
        ElementOps.multiply(dY, mask, dX);                          // dX = dY ⊙ M   [B,n]
        return new Matrix[] {dX};
    }
}
