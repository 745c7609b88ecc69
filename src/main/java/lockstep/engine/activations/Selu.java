package lockstep.engine.activations;

import lockstep.spec.ActivationType;

/** λz for z > 0, else λα(e^z - 1), with SELU's fixed λ and α. */
public class Selu extends ElementwiseActivation {
    static final double LAMBDA = 1.0507009873554804934193349852946;
    static final double ALPHA = 1.6732632423543772848170429916717;

    @Override
    public ActivationType type() {
        return ActivationType.SELU;
    }

    @Override
    protected double value(double z) {
        return z > 0.0 ? LAMBDA * z : LAMBDA * ALPHA * (Math.exp(z) - 1.0);
    }

    @Override
    protected double derivative(double z, double a) {
        return z > 0.0 ? LAMBDA : LAMBDA * ALPHA * Math.exp(z);
    }

    @Override
    protected float valueFloat(float z) {
        return z > 0.0f ? (float) LAMBDA * z : (float) LAMBDA * (float) ALPHA * ((float) Math.exp(z) - 1.0f);
    }
}
