package lockstep.engine.activations;

import lockstep.spec.ActivationType;

/** ln(1 + e^z); f'(z) = σ(z). */
public class Softplus extends ElementwiseActivation {
    @Override
    public ActivationType type() {
        return ActivationType.SOFTPLUS;
    }

    @Override
    protected double value(double z) {
        return Math.log(1.0 + Math.exp(z));
    }

    @Override
    protected double derivative(double z, double a) {
        return sigmoid(z);
    }
}
