package lockstep.engine.autograd;

import lockstep.engine.activations.Activation;
import lockstep.engine.activations.Softmax;
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
        return AddRowVectorOp.apply(this, bias);
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
