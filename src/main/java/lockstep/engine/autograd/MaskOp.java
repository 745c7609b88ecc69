package lockstep.engine.autograd;

import lockstep.engine.dropout.InputDropout;
import lockstep.linalg.Matrix;

/**
 * A layer input through its dropout, with the constant array R the dropout drew ({@link InputDropout}: the Dropout
 * mask, Gaussian noise or AlphaDropout's 0/1 mask):
 * <pre>
 *   forward:  Y = f(X, R)       X, R, Y [B,n]   (Dropout, GaussianDropout: X ⊙ R; GaussianNoise: X + R)
 *   backward: dX = g(dY, R)     [B,n]           (Dropout, GaussianDropout: dY ⊙ R; GaussianNoise: dY)
 * </pre>
 * The array is no tensor: it gets no gradient.
 */
final class MaskOp extends Op {
    private final InputDropout dropout;
    private final Matrix mask;

    private MaskOp(Tensor x, InputDropout dropout, Matrix mask) {
        super(x);
        this.dropout = dropout;
        this.mask = mask;
    }

    static Tensor apply(Tensor x, InputDropout dropout, Matrix mask) {
        Matrix y = dropout.forward(x.data(), mask);                  // Y = f(X, R)     [B,n]
        return new MaskOp(x, dropout, mask).record(y);
    }

    @Override
    public String name() {
        return "dropout";
    }

    @Override
    protected Matrix[] backward(Matrix dY) {
        return new Matrix[] {dropout.backward(dY, mask)};            // dX = g(dY, R)   [B,n], a new matrix
    }
}
