package lockstep.engine.autograd;

import lockstep.linalg.Matrix;

/**
 * The transpose (a convolution's kernel matrix on the right of the windows):
 * <pre>
 *   forward:  Y = Xᵀ         X [m,n], Y [n,m]
 *   backward: dX = dYᵀ       [m,n]
 * </pre>
 */
final class TransposeOp extends Op {

    private TransposeOp(Tensor x) {
        super(x);
    }

    static Tensor apply(Tensor x) {
        return new TransposeOp(x).record(transpose(x.data()));            // Y = Xᵀ        [n,m]
    }

    private static Matrix transpose(Matrix a) {
        Matrix t = a.like(a.cols(), a.rows());
        for (int r = 0; r < a.rows(); r++) {
            for (int c = 0; c < a.cols(); c++) {
                t.set(c, r, a.get(r, c));
            }
        }
        return t;
    }

    @Override
    public String name() {
        return "transpose";
    }

    @Override
    protected Matrix[] backward(Matrix dY) {
        return new Matrix[] {transpose(dY)};                               // dX = dYᵀ      [m,n]
    }
}
