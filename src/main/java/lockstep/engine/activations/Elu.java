package lockstep.engine.activations;

import lockstep.spec.ActivationType;

/** z for z > 0, else α(e^z - 1) with α = 1; DL4J's backward ignores α and uses e^z. */
public class Elu extends ElementwiseActivation {
    @Override
    public ActivationType type() {
        return ActivationType.ELU;
    }

    @Override
    protected double value(double z) {
        return z > 0.0 ? z : Math.exp(z) - 1.0;
    }

    @Override
    protected double derivative(double z, double a) {
        return z > 0.0 ? 1.0 : Math.exp(z);
    }

    @Override
    protected float valueFloat(float z) {
        return z > 0.0f ? z : (float) Math.exp(z) - 1.0f;
    }
}
