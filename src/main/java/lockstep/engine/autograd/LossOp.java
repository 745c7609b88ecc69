package lockstep.engine.autograd;

import java.util.Locale;
import lockstep.engine.activations.Activation;
import lockstep.engine.activations.Identity;
import lockstep.engine.losses.Loss;
import lockstep.linalg.DType;
import lockstep.linalg.Matrix;

/**
 * A loss, the batch mean over B examples, delegating both directions to the engine's {@link Loss}:
 * <pre>
 *   forward:  L = loss(A, Y)                    A = f(Z), Y [B,n]; L [1,1], always DOUBLE
 *   backward: dZ = dL · loss.gradient(Z, A, Y, f)     [B,n]
 * </pre>
 * The loss is fused with the activation f that made A, as DL4J's ILossFunction and the engine's
 * Loss are: when A was recorded by an {@link ActivationOp}, this op's input on the tape is Z, and the
 * gradient skips f's own backward. That is how MCXENT with softmax gives exactly dL/dZ = (p - y)/B, as
 * DL4J does (the softmax Jacobian applied to -y/(B·p) equals it only up to rounding). When A was not
 * made by an activation, it is taken as Z with the identity. L is DOUBLE in a FLOAT network too, as the
 * engine's and DL4J's scores are doubles.
 */
final class LossOp extends Op {
    private final Tensor z;
    private final Matrix a;
    private final Matrix labels;
    private final Activation f;
    private final Loss loss;

    private LossOp(Tensor z, Matrix a, Matrix labels, Activation f, Loss loss) {
        super(z);
        this.z = z;
        this.a = a;
        this.labels = labels;
        this.f = f;
        this.loss = loss;
    }

    static Tensor apply(Tensor output, Matrix labels, Loss loss) {
        output.data().requireSameShapeAndType(labels, "labels of " + loss.type());
        Tensor z = output;
        Activation f = new Identity();
        if (output.creator() instanceof ActivationOp act) {
            z = act.input();
            f = act.activation();
        }
        Matrix value = Matrix.zeros(DType.DOUBLE, 1, 1);
        value.set(0, loss.score(output.data(), labels, f));                 // L = (1/B) Σ loss_e   [1,1]
        return new LossOp(z, output.data(), labels, f, loss).record(value);
    }

    @Override
    public String name() {
        return (loss.type() + "(" + f.type() + ")").toLowerCase(Locale.ROOT);
    }

    @Override
    protected Matrix[] backward(Matrix dL) {
        Matrix dZ = a.like(a.rows(), a.cols());
        loss.gradient(z.data(), a, labels, f, dZ);                         // dZ = dL/dZ of the mean  [B,n]
        double upstream = dL.get(0);
        if (upstream != 1.0) {
            for (int i = 0, n = dZ.size(); i < n; i++) {
                dZ.set(i, dZ.get(i) * upstream);
            }
        }
        return new Matrix[] {dZ};
    }
}
