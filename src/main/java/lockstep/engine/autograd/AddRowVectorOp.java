package lockstep.engine.autograd;

import lockstep.linalg.Matrix;
import lockstep.linalg.RowOps;

/**
 * A row vector added to every row (a dense layer's bias):
 * <pre>
 *   forward:  Z = X + 1·b        X [B,n], b [1,n], Z [B,n]
 *   backward: dX = dZ            [B,n]
 *             db = Σ_rows dZ     [1,n]
 * </pre>
 */
final class AddRowVectorOp extends Op {
    private final Tensor x;
    private final Tensor bias;

    private AddRowVectorOp(Tensor x, Tensor bias) {
        super(x, bias);
        this.x = x;
        this.bias = bias;
    }

    static Tensor apply(Tensor x, Tensor bias) {
        if (bias.rows() != 1 || bias.cols() != x.cols() || bias.dtype() != x.dtype()) {
            throw new IllegalArgumentException("addRowVector: bias " + bias.dtype() + bias.data().shape()
                    + " does not fit the rows of " + x.dtype() + x.data().shape());
        }
        Matrix z = x.data().copy();
        RowOps.addRowVector(z, bias.data());                               // Z = X + b     [B,n]
        return new AddRowVectorOp(x, bias).record(z);
    }

    @Override
    public String name() {
        return "addRowVector";
    }

    @Override
    protected Matrix[] backward(Matrix dZ) {
        Matrix dX = x.requiresGrad() ? dZ.copy() : null;                   // dX = dZ       [B,n]
        Matrix db = null;
        if (bias.requiresGrad()) {
            db = dZ.like(1, dZ.cols());
            RowOps.sumRows(dZ, db);                                        // db = Σ_rows dZ [1,n]
        }
        return new Matrix[] {dX, db};
    }
}
