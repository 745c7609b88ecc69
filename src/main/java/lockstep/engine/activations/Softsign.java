package lockstep.engine.activations;

import lockstep.spec.ActivationType;

/** z / (1 + |z|); f'(z) = 1 / (1 + |z|)². */
public class Softsign extends ElementwiseActivation {
    @Override
    public ActivationType type() {
        return ActivationType.SOFTSIGN;
    }

    @Override
    protected double value(double z) {
        return z / (1.0 + Math.abs(z));
    }

    @Override
    protected double derivative(double z, double a) {
        double d = 1.0 + Math.abs(z);
        return 1.0 / (d * d);
    }
}
