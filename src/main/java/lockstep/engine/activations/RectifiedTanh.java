package lockstep.engine.activations;

import lockstep.spec.ActivationType;

/** max(0, tanh z); f'(z) = 1 - tanh²z for z > 0, else 0. */
public class RectifiedTanh extends ElementwiseActivation {
    @Override
    public ActivationType type() {
        return ActivationType.RECTIFIEDTANH;
    }

    @Override
    protected double value(double z) {
        return z > 0.0 ? tanhDouble(z) : 0.0;
    }

    @Override
    protected double derivative(double z, double a) {
        return z > 0.0 ? 1.0 - a * a : 0.0;
    }

    @Override
    protected float valueFloat(float z) {
        return z > 0.0f ? tanhFloat(z) : 0.0f;
    }

    @Override
    protected float derivativeFloat(float z, float a) {
        float t = tanhFloat(z);
        return z > 0.0f ? 1.0f - t * t : 0.0f;
    }
}
