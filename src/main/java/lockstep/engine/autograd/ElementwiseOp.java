package lockstep.engine.autograd;

import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import lockstep.linalg.Matrix;

/**
 * A scalar function applied to every element (batch normalisation's x + ε, √x and x / N):
 * <pre>
 *   forward:  Y = f(X)                   X, Y [m,n]
 *   backward: dX = dY ⊙ f'(X, Y)         [m,n]   (f' given the input and the output element)
 * </pre>
 */
final class ElementwiseOp extends Op {
    private final Tensor x;
    private final String name;
    private final DoubleBinaryOperator derivative;
    private Matrix y;

    private ElementwiseOp(Tensor x, String name, DoubleBinaryOperator derivative) {
        super(x);
        this.x = x;
        this.name = name;
        this.derivative = derivative;
    }

    /** f on every element of x; {@code derivative} gives f'(x) from (x, f(x)). */
    static Tensor apply(Tensor x, String name, DoubleUnaryOperator f, DoubleBinaryOperator derivative) {
        Matrix y = x.data().like(x.rows(), x.cols());
        for (int i = 0; i < y.size(); i++) {
            y.set(i, f.applyAsDouble(x.data().get(i)));                   // Y = f(X)      [m,n]
        }
        ElementwiseOp op = new ElementwiseOp(x, name, derivative);
        op.y = y;
        return op.record(y);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    protected Matrix[] backward(Matrix dY) {
        Matrix dX = dY.like(dY.rows(), dY.cols());
        for (int i = 0; i < dX.size(); i++) {
            dX.set(i, dY.get(i) * derivative.applyAsDouble(x.data().get(i), y.get(i)));   // dX = dY ⊙ f'  [m,n]
        }
        return new Matrix[] {dX};
    }
}
