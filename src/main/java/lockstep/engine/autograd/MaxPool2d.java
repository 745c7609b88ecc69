package lockstep.engine.autograd;

import lockstep.linalg.ConvShape;

/**
 * Max pooling: each window's largest value, its padding at −∞ so that it never wins; a tie's gradient goes to the
 * window's first maximum in row-major order, as DL4J's ({@link Tensor#rowMax}).
 */
public final class MaxPool2d extends Pool2d {

    public MaxPool2d(ConvShape shape) {
        super(shape);
    }

    @Override
    protected double padding() {
        return Double.NEGATIVE_INFINITY;
    }

    @Override
    protected Tensor reduce(Tensor windows) {
        return windows.rowMax();                                          // [B·C·P, 1]
    }
}
