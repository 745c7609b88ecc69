package lockstep.engine.activations;

import lockstep.spec.ActivationType;

/** min(1, max(0, 0.2z + 0.5)) with 0.2 a float in ND4J; f'(z) = 0.2 on [-2.5, 2.5], else 0. */
public class HardSigmoid extends ElementwiseActivation {
    static final double SLOPE = 0.2f;

    @Override
    public ActivationType type() {
        return ActivationType.HARDSIGMOID;
    }

    @Override
    protected double value(double z) {
        return Math.min(1.0, Math.max(0.0, SLOPE * z + 0.5));
    }

    @Override
    protected double derivative(double z, double a) {
        return z >= -2.5 && z <= 2.5 ? SLOPE : 0.0;
    }

    @Override
    protected float valueFloat(float z) {
        return Math.min(1.0f, Math.max(0.0f, (float) SLOPE * z + 0.5f));
    }
}
