package lockstep.engine.activations;

import lockstep.spec.ActivationType;

/** z·σ(z); f'(z) = σ(z) + zσ(z)(1 - σ(z)). */
public class Swish extends ElementwiseActivation {
    @Override
    public ActivationType type() {
        return ActivationType.SWISH;
    }

    @Override
    protected double value(double z) {
        return z * sigmoid(z);
    }

    @Override
    protected double derivative(double z, double a) {
        double s = sigmoid(z);
        return s + z * s * (1.0 - s);
    }
}
