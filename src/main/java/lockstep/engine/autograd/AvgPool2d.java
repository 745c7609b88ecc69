package lockstep.engine.autograd;

import lockstep.linalg.ConvShape;
import lockstep.linalg.Matrix;

/**
 * Average pooling: each window's sum divided by its number of positions inside the input (DL4J's default, padding out
 * of the divisor) or by kh·kw with the padding counted:
 * <pre>
 *   r = (V·1) ⊙ d          V [B·C·P, kh·kw], 1 [kh·kw, 1], d [B·C·P, 1] the reciprocal divisors (constant)
 * </pre>
 * A window's count is the sum of the same windows over an image of ones with zero padding.
 */
public final class AvgPool2d extends Pool2d {
    private final boolean padInDivisor;

    /** {@code padInDivisor}: divide by the whole window, padding included (DL4J's avgPoolIncludePadInDivisor). */
    public AvgPool2d(ConvShape shape, boolean padInDivisor) {
        super(shape);
        this.padInDivisor = padInDivisor;
    }

    @Override
    protected double padding() {
        return 0.0;
    }

    @Override
    protected Tensor reduce(Tensor windows) {
        Tensor ones = Tensor.constant(filled(windows.data(), windows.cols(), 1, 1.0));           // [kh·kw, 1]
        return windows.matmul(ones)                                                              // V·1  [B·C·P, 1]
                .mul(Tensor.constant(reciprocalCounts(windows.data(), windows.rows(), ones)));   // ⊙ d  [B·C·P, 1]
    }

    /** 1 / (positions of each window row), [rows, 1]: from windows of ones, or kh·kw with the padding counted. */
    private Matrix reciprocalCounts(Matrix like, int rows, Tensor ones) {
        Matrix d = like.like(rows, 1);
        if (padInDivisor) {
            d.fill(1.0 / plane().patchSize());
            return d;
        }
        Tensor image = Tensor.constant(filled(like, 1, plane().inputSize(), 1.0));   // one plane of ones [1, H·W]
        Matrix counts = image.unfold(plane(), 0.0).matmul(ones).data();                // [P, 1]
        for (int r = 0; r < rows; r++) {
            d.set(r, 1.0 / counts.get(r % counts.rows()));
        }
        return d;
    }

    private static Matrix filled(Matrix like, int rows, int cols, double value) {
        Matrix m = like.like(rows, cols);
        m.fill(value);
        return m;
    }
}
