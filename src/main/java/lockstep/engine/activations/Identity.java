package lockstep.engine.activations;

import lockstep.spec.ActivationType;

/** f(z) = z, f'(z) = 1. */
public class Identity extends ElementwiseActivation {
    @Override
    public ActivationType type() {
        return ActivationType.IDENTITY;
    }

    @Override
    protected double value(double z) {
        return z;
    }

    @Override
    protected double derivative(double z, double a) {
        return 1.0;
    }
}
