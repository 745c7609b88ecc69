package lockstep.engine.autograd;

import lockstep.linalg.Matrix;

/**
 * The element-by-element product of two matrices of one shape (a square, a per-window divisor):
 * <pre>
 *   forward:  Z = X ⊙ Y        X, Y, Z [m,n]
 *   backward: dX = dZ ⊙ Y      [m,n]
 *             dY = dZ ⊙ X      [m,n]   (both, and added up, when X and Y are one tensor)
 * </pre>
 */
final class MulOp extends Op {
    private final Tensor x;
    private final Tensor y;

    private MulOp(Tensor x, Tensor y) {
        super(x, y);
        this.x = x;
        this.y = y;
    }

    static Tensor apply(Tensor x, Tensor y) {
        if (!x.data().sameShape(y.data()) || x.dtype() != y.dtype()) {
            throw new IllegalArgumentException("mul: " + x.dtype() + x.data().shape() + " ⊙ " + y.dtype()
                    + y.data().shape() + " differ in shape or type");
        }
        return new MulOp(x, y).record(product(x.data(), y.data()));      // Z = X ⊙ Y     [m,n]
    }

    private static Matrix product(Matrix a, Matrix b) {
        Matrix c = a.like(a.rows(), a.cols());
        for (int i = 0; i < c.size(); i++) {
            c.set(i, a.get(i) * b.get(i));
        }
        return c;
    }

    @Override
    public String name() {
        return "mul";
    }

    @Override
    protected Matrix[] backward(Matrix dZ) {
        return new Matrix[] {
            x.requiresGrad() ? product(dZ, y.data()) : null,               // dX = dZ ⊙ Y   [m,n]
            y.requiresGrad() ? product(dZ, x.data()) : null                // dY = dZ ⊙ X   [m,n]
        };
    }
}
