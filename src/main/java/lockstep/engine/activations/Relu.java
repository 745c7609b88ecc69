package lockstep.engine.activations;

import lockstep.spec.ActivationType;

/** f(z) = max(0, z); f'(z) = 1 for z > 0 and 0 otherwise, so relu'(0) = 0 as in DL4J. */
public class Relu extends ElementwiseActivation {
    @Override
    public ActivationType type() {
        return ActivationType.RELU;
    }

    @Override
    protected double value(double z) {
        return z > 0.0 ? z : 0.0;
    }

    @Override
    protected double derivative(double z, double a) {
        return z > 0.0 ? 1.0 : 0.0;
    }
}
