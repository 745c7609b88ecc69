package lockstep.engine.activations;

import lockstep.spec.ActivationType;

/**
 * tanh as ND4J computes it: from a power of e on the side where it cannot overflow,
 * {@code z <= 0: (p - 1)/(p + 1), p = e^(2z)} and {@code z > 0: (1 - p)/(1 + p), p = e^(-2z)}.
 * Near 0 this formula loses accuracy against {@code Math.tanh} (tanh(1e-12) = 9.99978e-13; 0 below about 1e-17);
 * reproducing it keeps the two sides within ~1e-15 instead. f'(z) = 1 - a².
 */
public class Tanh extends ElementwiseActivation {
    @Override
    public ActivationType type() {
        return ActivationType.TANH;
    }

    @Override
    protected double value(double z) {
        return tanhDouble(z);
    }

    @Override
    protected double derivative(double z, double a) {
        return 1.0 - a * a;
    }

    @Override
    protected float valueFloat(float z) {
        return tanhFloat(z);
    }

    /** 1 - t² with t = ND4J's float tanh of z, which is a itself: the forward pass stored exactly that float. */
    @Override
    protected float derivativeFloat(float z, float a) {
        return 1.0f - a * a;
    }
}
