package lockstep.engine.autograd;

import lockstep.engine.activations.Activation;
import lockstep.engine.activations.Softmax;
import lockstep.linalg.ConvShape;
import lockstep.linalg.DType;
import lockstep.linalg.MatMul;
import lockstep.linalg.Matrix;
import lockstep.linalg.NaiveMatMul;

/**
 * A matrix in a dynamic computation graph: its value {@link #data()}, its gradient {@link #grad()} and
 * the op that computed it ({@link #creator()}, null for a leaf). Three kinds:
 * <ul>
 *   <li>a constant ({@link #constant}): inputs and labels; no gradient, ops on it record nothing;</li>
 *   <li>a leaf that requires a gradient ({@link #parameter}, {@link #variable}): its gradient buffer lives
 *       as long as the tensor, and every {@link #backward()} ADDS to it, until {@link #zeroGrad()}
 *       (exactly as PyTorch's {@code .grad});</li>
 *   <li>the result of an op on tensors of which one requires a gradient: it links back to the op;
 *       {@link #backward()} fills its gradient afresh each time.</li>
 * </ul>
 * The op methods ({@link #matmul}, {@link #addRowVector}, {@link #apply}, ...) compute their result at
 * once and never modify their operands.
 */
public final class Tensor {
    private final Matrix data;
    private final Op creator;
    private final boolean requiresGrad;
    private Matrix grad;

    Tensor(Matrix data, Op creator, boolean requiresGrad, Matrix grad) {
        this.data = data;
        this.creator = creator;
        this.requiresGrad = requiresGrad;
        this.grad = grad;
    }

    /** A tensor that needs no gradient (inputs, labels). Shares {@code value}. */
    public static Tensor constant(Matrix value) {
        return new Tensor(value, null, false, null);
    }

    /**
     * A leaf that requires a gradient, accumulated into {@code gradient} (same shape and type as
     * {@code value}). Shares both matrices: this is how an engine {@code Parameter} becomes a tensor.
     */
    public static Tensor parameter(Matrix value, Matrix gradient) {
        value.requireSameShapeAndType(gradient, "gradient buffer of a parameter tensor");
        return new Tensor(value, null, true, gradient);
    }

    /** A leaf that requires a gradient, with its own zero gradient buffer. Shares {@code value}. */
    public static Tensor variable(Matrix value) {
        return parameter(value, value.like(value.rows(), value.cols()));
    }

    /** The value; shared, not copied. */
    public Matrix data() {
        return data;
    }

    /**
     * The gradient of the scalar(s) {@link #backward()} was called on with respect to this tensor
     * (same shape as {@link #data()}); null for a constant, and for an op result before any backward.
     */
    public Matrix grad() {
        return grad;
    }

    /** The op that computed this tensor, or null for a leaf or constant. */
    public Op creator() {
        return creator;
    }

    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** True for constants and leaves (no creator). */
    public boolean isLeaf() {
        return creator == null;
    }

    public int rows() {
        return data.rows();
    }

    public int cols() {
        return data.cols();
    }

    public DType dtype() {
        return data.dtype();
    }

    /** The value of a [1,1] tensor. */
    public double item() {
        if (data.size() != 1) {
            throw new IllegalStateException("item() needs a [1,1] tensor, got " + data.shape());
        }
        return data.get(0);
    }

    /**
     * Back-propagates from this [1,1] tensor: every tensor it depends on that requires a gradient gets
     * d(this)/d(tensor) ADDED to its gradient. Leaves keep the sum across calls (call {@link #zeroGrad()}
     * or the optimizer's zeroGrad() in between for a fresh gradient); op results are recomputed.
     * Modifies gradients only.
     */
    public void backward() {
        Backprop.STANDARD.run(this);
    }

    /** Sets this leaf's gradient to 0. Modifies the gradient. */
    public void zeroGrad() {
        if (!isLeaf() || !requiresGrad) {
            throw new IllegalStateException("zeroGrad() is for leaves that require a gradient");
        }
        grad.fill(0.0);
    }

    /** this·other with the naive kernel: [m,k]·[k,n] -> [m,n]. */
    public Tensor matmul(Tensor other) {
        return matmul(other, new NaiveMatMul());
    }

    /** this·other with the given kernel: [m,k]·[k,n] -> [m,n]. */
    public Tensor matmul(Tensor other, MatMul kernel) {
        return MatMulOp.apply(this, other, kernel);
    }

    /** this + bias added to every row: [B,n] + [1,n] -> [B,n]. */
    public Tensor addRowVector(Tensor bias) {
        return RowBroadcastOp.apply(this, bias, RowBroadcastOp.Kind.ADD);
    }

    /** v subtracted from every row: [m,n] − [1,n] -> [m,n]. */
    public Tensor subRowVector(Tensor v) {
        return RowBroadcastOp.apply(this, v, RowBroadcastOp.Kind.SUB);
    }

    /** Every row times v, element by element: [m,n] ⊙ [1,n] -> [m,n]. */
    public Tensor mulRowVector(Tensor v) {
        return RowBroadcastOp.apply(this, v, RowBroadcastOp.Kind.MUL);
    }

    /** Every row divided by v, element by element: [m,n] ÷ [1,n] -> [m,n]. */
    public Tensor divRowVector(Tensor v) {
        return RowBroadcastOp.apply(this, v, RowBroadcastOp.Kind.DIV);
    }

    /** this ⊙ other, element by element: [m,n] ⊙ [m,n] -> [m,n]. */
    public Tensor mul(Tensor other) {
        return MulOp.apply(this, other);
    }

    /** The largest element of each row (the first one on a tie): [m,n] -> [m,1]. */
    public Tensor rowMax() {
        return RowMaxOp.apply(this);
    }

    /** The transpose: [m,n] -> [n,m]. */
    public Tensor transpose() {
        return TransposeOp.apply(this);
    }

    /** The same elements in row-major order as [rows, cols]. */
    public Tensor reshape(int rows, int cols) {
        if (rows * cols != data.size()) {
            throw new IllegalArgumentException("reshape: " + data.shape() + " has " + data.size() + " elements, not "
                    + rows + "x" + cols);
        }
        return GatherOp.apply(this, "reshape", rows, cols, GatherMaps.reshape(rows, cols), 0.0);
    }

    /** Examples of {@code channels} planes to one row per position: [B, C·S] -> [B·S, C]. */
    public Tensor channelsLast(int channels) {
        int spatial = quotient(cols(), channels, "channelsLast");
        return GatherOp.apply(this, "channelsLast", rows() * spatial, channels,
                GatherMaps.channelsLast(rows(), channels, spatial), 0.0);
    }

    /** One row per position back to examples of {@code spatial} positions: [B·S, C] -> [B, C·S]. */
    public Tensor channelsFirst(int spatial) {
        int batch = quotient(rows(), spatial, "channelsFirst");
        return GatherOp.apply(this, "channelsFirst", batch, cols() * spatial,
                GatherMaps.channelsFirst(batch, cols(), spatial), 0.0);
    }

    /**
     * Every window of {@code g} as a row, {@code padding} where a window covers the padding: [B, C·H·W] ->
     * [B·outH·outW, C·kh·kw] (columns in DL4J's [C, kh, kw] order).
     */
    public Tensor unfold(ConvShape g, double padding) {
        if (cols() != g.inputSize()) {
            throw new IllegalArgumentException("unfold: rows of " + cols() + " values do not fit " + g);
        }
        return GatherOp.apply(this, "unfold", rows() * g.windows(), g.patchSize(), GatherMaps.windows(rows(), g), padding);
    }

    private static int quotient(int size, int part, String op) {
        if (part < 1 || size % part != 0) {
            throw new IllegalArgumentException(op + ": " + size + " is not a multiple of " + part);
        }
        return size / part;
    }

    /** f(this) for an engine activation (element by element, or per row for softmax): [B,n] -> [B,n]. */
    public Tensor apply(Activation f) {
        return ActivationOp.apply(this, f);
    }

    /** Row-wise softmax: [B,n] -> [B,n]. */
    public Tensor softmax() {
        return apply(new Softmax());
    }

    /** The sum of all elements: [m,n] -> [1,1]. */
    public Tensor sum() {
        return SumOp.apply(this);
    }

    /** The mean of all elements: [m,n] -> [1,1]. */
    public Tensor mean() {
        return MeanOp.apply(this);
    }

    /** Called by {@link Backprop} only: a recomputed op result's gradient starts from nothing. */
    void clearGrad() {
        if (!isLeaf()) {
            grad = null;
        }
    }

    /** Called by {@link Backprop} only: the first contribution becomes an op result's gradient. */
    void adoptGrad(Matrix g) {
        if (isLeaf()) {
            throw new IllegalStateException("a leaf keeps its gradient buffer");
        }
        grad = g;
    }

    @Override
    public String toString() {
        return "Tensor" + data + (creator != null ? " <- " + creator.name() : requiresGrad ? " (leaf)" : " (constant)");
    }
}
