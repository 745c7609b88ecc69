package lockstep.engine.autograd;

import lockstep.linalg.ConvShape;
import lockstep.linalg.DType;
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
    private final double[] reciprocalCounts;   // per window p of a plane: 1 / (its positions counted in the divisor)

    /** {@code padInDivisor}: divide by the whole window, padding included (DL4J's avgPoolIncludePadInDivisor). */
    public AvgPool2d(ConvShape shape, boolean padInDivisor) {
        super(shape);
        this.reciprocalCounts = reciprocalCounts(plane(), padInDivisor);
    }

    @Override
    protected double padding() {
        return 0.0;
    }

    @Override
    protected Tensor reduce(Tensor windows) {
        Matrix d = windows.data().like(windows.rows(), 1);
        for (int r = 0; r < windows.rows(); r++) {
            d.set(r, reciprocalCounts[r % reciprocalCounts.length]);                  // rows are (plane, window p)
        }
        return windows.matmul(Tensor.constant(ones(windows.data(), windows.cols())))  // V·1  [B·C·P, 1]
                .mul(Tensor.constant(d));                                            // ⊙ d  [B·C·P, 1]
    }

    /** 1 / (positions of each window of {@code plane}), [P]: from its windows over a plane of ones, or kh·kw. */
    private static double[] reciprocalCounts(ConvShape plane, boolean padInDivisor) {
        double[] out = new double[plane.windows()];
        Matrix image = Matrix.zeros(DType.DOUBLE, 1, plane.inputSize());
        image.fill(1.0);                                                             // one plane of ones [1, H·W]
        Matrix counts = Tensor.constant(image).unfold(plane, 0.0).matmul(Tensor.constant(ones(image, plane.patchSize())))
                .data();                                                             // [P, 1]
        for (int p = 0; p < out.length; p++) {
            out[p] = 1.0 / (padInDivisor ? plane.patchSize() : counts.get(p));
        }
        return out;
    }

    /** A column of ones [rows, 1] of {@code like}'s type. */
    private static Matrix ones(Matrix like, int rows) {
        Matrix m = like.like(rows, 1);
        m.fill(1.0);
        return m;
    }
}
