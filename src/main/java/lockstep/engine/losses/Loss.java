package lockstep.engine.losses;

import lockstep.engine.activations.Activation;
import lockstep.linalg.Matrix;
import lockstep.spec.LossType;

/**
 * A loss over a mini-batch, averaged over its B examples, with its gradient next to it. The
 * gradient is that of the batch mean, so it already carries the 1/B that DL4J applies later,
 * inside its updater. Implementations reproduce DL4J's {@code ILossFunction} of the same name,
 * quirks included (each class's javadoc names them); {@link BatchMean} holds what they share.
 */
public interface Loss {

    LossType type();

    /**
     * (1/B) Σ_examples loss(output row, label row). output = activation(z) and labels are [B,n]; the
     * activation is given because DL4J computes some scores differently for a SOFTMAX output.
     */
    double score(Matrix output, Matrix labels, Activation activation);

    /**
     * dL/dz of the batch-mean loss with respect to the output layer's pre-activation z, through its
     * activation. z, output = activation(z), labels and dLdz are [B,n]; modifies dLdz only.
     */
    void gradient(Matrix z, Matrix output, Matrix labels, Activation activation, Matrix dLdz);
}
