package lockstep.engine.autograd;

import java.util.List;
import lockstep.linalg.Matrix;

/**
 * One recorded operation of the graph: its inputs and its backward pass. Each subclass computes its
 * forward pass in a static {@code apply} written next to its {@link #backward}, and hands the result
 * to {@link #record}, which links the result tensor to the op: that link is the tape entry. Subclass
 * this (as PyTorch's autograd.Function) to add an op.
 */
public abstract class Op {
    private final List<Tensor> inputs;
    private boolean recorded;

    protected Op(Tensor... inputs) {
        this.inputs = List.of(inputs);
    }

    public final List<Tensor> inputs() {
        return inputs;
    }

    /** A short name for messages, e.g. {@code matmul}. */
    public abstract String name();

    /**
     * The result tensor with value {@code result}, recorded on the tape: it requires a gradient, and
     * links back to this op, when one of the inputs requires a gradient; otherwise it is a constant.
     * Call once per op.
     */
    protected final Tensor record(Matrix result) {
        if (recorded) {
            throw new IllegalStateException(name() + ": an op records one result");
        }
        recorded = true;
        boolean requiresGrad = inputs.stream().anyMatch(Tensor::requiresGrad);
        return new Tensor(result, requiresGrad ? this : null, requiresGrad, null);
    }

    /**
     * The chain rule through this op: given the gradient of the final scalar with respect to the
     * result (same shape as the result), returns its gradient with respect to each input, in input
     * order: a NEW matrix shaped like that input (not shared with {@code gradResult}, the inputs or
     * each other), or null for an input that requires no gradient. Modifies nothing.
     */
    protected abstract Matrix[] backward(Matrix gradResult);
}
