package lockstep.engine.layers;

import lockstep.engine.activations.Activation;
import lockstep.linalg.Matrix;

/**
 * A layer whose output is an activation of a pre-activation, a = f(z) (dense and convolution layers): its backward
 * pass first turns dL/da into δ = dL/dz, then computes the rest from δ, which the output layer's fused loss hands it
 * directly.
 */
public interface ActivatedLayer extends Layer {

    Activation activation();

    /** z of the latest forward pass [B, out]. */
    Matrix preActivation();

    /** The work matrix δ is written to for a batch of {@code rows} [rows, out]. */
    Matrix deltaBuffer(int rows);

    /** From δ = dL/dz [B, out]: fills the parameters' gradients; with {@code inputGradient} returns dL/dx, else null. */
    Matrix backwardFromPreActivation(Matrix delta, boolean inputGradient);

    /** δ = dL/da ⊙ f'(z) (or f's Jacobian per row), then {@link #backwardFromPreActivation}. Modifies δ's buffer too. */
    @Override
    default Matrix backward(Matrix dLda, boolean inputGradient) {
        Matrix delta = deltaBuffer(dLda.rows());
        activation().backward(preActivation(), output(), dLda, delta);       // δ = dL/da ⊙ f'(z)
        return backwardFromPreActivation(delta, inputGradient);
    }
}
