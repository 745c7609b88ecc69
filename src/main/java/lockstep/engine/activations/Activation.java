package lockstep.engine.activations;

import lockstep.linalg.Matrix;
import lockstep.spec.ActivationType;

/**
 * An activation function applied to a batch of pre-activations z [B,n], with its backward pass
 * next to it. Implementations reproduce DL4J's definitions, quirks included.
 */
public interface Activation {

    ActivationType type();

    /** a = f(z). z and a are [B,n]; modifies a only. */
    void forward(Matrix z, Matrix a);

    /**
     * dL/dz from dL/da by the chain rule. z, a = f(z), dLda and dLdz are all [B,n]; modifies dLdz only
     * (it may be the same matrix as dLda).
     */
    void backward(Matrix z, Matrix a, Matrix dLda, Matrix dLdz);
}
