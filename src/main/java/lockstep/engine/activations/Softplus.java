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

    @Override
    protected float valueFloat(float z) {
        return (float) Math.log(1.0f + (float) Math.exp(z));
    }

    @Override
    protected float derivativeFloat(float z, float a) {
        return sigmoidFloat(z);
    }
}
