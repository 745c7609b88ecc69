package lockstep.engine.autograd;

import java.util.Locale;
import lockstep.engine.activations.Activation;
import lockstep.linalg.Matrix;

/**
 * An engine activation, element by element or (softmax) per row, delegating both directions to the
 * engine's {@link Activation}, so DL4J's definitions and quirks come with it:
 * <pre>
 *   forward:  A = f(Z)                         Z, A [B,n]
 *   backward: dZ = f.backward(Z, A, dA)        [B,n]   (dA ⊙ f'(Z), or the softmax Jacobian per row)
 * </pre>
 * {@link LossOp} looks at this op to fuse a loss with the activation before it.
 */
final class ActivationOp extends Op {
    private final Tensor z;
    private final Activation f;
    private Matrix a;

    private ActivationOp(Tensor z, Activation f) {
        super(z);
        this.z = z;
        this.f = f;
    }

    static Tensor apply(Tensor z, Activation f) {
        Matrix a = z.data().like(z.rows(), z.cols());
        f.forward(z.data(), a);                                            // A = f(Z)      [B,n]
        ActivationOp op = new ActivationOp(z, f);
        op.a = a;
        return op.record(a);
    }

    @Override
    public String name() {
        return f.type().name().toLowerCase(Locale.ROOT);
    }

    /** Z, the activation's input. */
    Tensor input() {
        return z;
    }

    Activation activation() {
        return f;
    }

    @Override
    protected Matrix[] backward(Matrix dA) {
        Matrix dZ = dA.like(dA.rows(), dA.cols());
        f.backward(z.data(), a, dA, dZ);                                   // dZ = dA ⊙ f'(Z)  [B,n]
        return new Matrix[] {dZ};
    }
}
