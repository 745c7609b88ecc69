package lockstep.engine.activations;

import lockstep.spec.ActivationType;

/** f(z) = 1 / (1 + e^-z), f'(z) = a(1 - a) as DL4J computes it. */
public class Sigmoid extends ElementwiseActivation {
    @Override
    public ActivationType type() {
        return ActivationType.SIGMOID;
    }

    @Override
    protected double value(double z) {
        return sigmoid(z);
    }

    @Override
    protected double derivative(double z, double a) {
        return a * (1.0 - a);
    }

    @Override
    protected float valueFloat(float z) {
        return sigmoidFloat(z);
    }

    @Override
    protected float derivativeFloat(float z, float a) {
        float s = sigmoidFloat(z);
        return s * (1.0f - s);
    }
}
