package lockstep.engine.activations;

import lockstep.spec.ActivationType;

/** z³; f'(z) = 3z². */
public class Cube extends ElementwiseActivation {
    @Override
    public ActivationType type() {
        return ActivationType.CUBE;
    }

    @Override
    protected double value(double z) {
        return z * z * z;
    }

    @Override
    protected double derivative(double z, double a) {
        return 3.0 * z * z;
    }
}
