package lockstep.engine.activations;

import lockstep.spec.ActivationType;

/** min(1, max(-1, z)); f'(z) = 1 on [-1, 1] (ends included, as in ND4J), else 0. */
public class HardTanh extends ElementwiseActivation {
    @Override
    public ActivationType type() {
        return ActivationType.HARDTANH;
    }

    @Override
    protected double value(double z) {
        return Math.min(1.0, Math.max(-1.0, z));
    }

    @Override
    protected double derivative(double z, double a) {
        return z >= -1.0 && z <= 1.0 ? 1.0 : 0.0;
    }
}
