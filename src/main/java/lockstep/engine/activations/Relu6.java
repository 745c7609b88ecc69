package lockstep.engine.activations;

import lockstep.spec.ActivationType;

/** min(max(0, z), 6), as DL4J's ActivationReLU6; f'(z) = 1 on (0, 6), else 0. */
public class Relu6 extends ElementwiseActivation {
    @Override
    public ActivationType type() {
        return ActivationType.RELU6;
    }

    @Override
    protected double value(double z) {
        return Math.min(Math.max(z, 0.0), 6.0);
    }

    @Override
    protected double derivative(double z, double a) {
        return z > 0.0 && z < 6.0 ? 1.0 : 0.0;
    }
}
