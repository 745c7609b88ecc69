package lockstep.engine.autograd;

import lockstep.engine.EngineComponents;
import lockstep.engine.losses.Loss;
import lockstep.linalg.Matrix;
import lockstep.spec.LossType;

/**
 * A loss function as PyTorch's criterion objects: {@code criterion.apply(out, y)} is the batch-mean
 * loss as a [1,1] tensor, computed by the engine's {@link Loss} (see {@link LossOp} for how it is fused
 * with the output activation, which gives DL4J's dL/dz = (p - y)/B for MCXENT with softmax).
 */
public final class Criterion {
    private final Loss loss;

    public Criterion(Loss loss) {
        this.loss = loss;
    }

    /** The engine's loss of this type. */
    public static Criterion of(LossType type) {
        return new Criterion(new EngineComponents().loss(type));
    }

    public Loss loss() {
        return loss;
    }

    /** The batch-mean loss of output [B,n] against labels [B,n] (same type): a DOUBLE [1,1] tensor. */
    public Tensor apply(Tensor output, Matrix labels) {
        return LossOp.apply(output, labels, loss);
    }

    /** As {@link #apply(Tensor, Matrix)} with labels given as a tensor (a constant: labels get no gradient). */
    public Tensor apply(Tensor output, Tensor labels) {
        return apply(output, labels.data());
    }
}
