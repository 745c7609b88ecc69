package lockstep.engine.activations;

import lockstep.spec.ActivationType;

/** z for z > 0, else αz with α = 0.01. DL4J's derivative uses α cast from float
 * (0.009999999776482582) even in DOUBLE, and is 1 at z = 0. */
public class LeakyRelu extends ElementwiseActivation {
    static final double ALPHA = 0.01;
    static final double ALPHA_AS_FLOAT = (float) ALPHA;

    @Override
    public ActivationType type() {
        return ActivationType.LEAKYRELU;
    }

    @Override
    protected double value(double z) {
        return z > 0.0 ? z : ALPHA * z;
    }

    @Override
    protected double derivative(double z, double a) {
        return z >= 0.0 ? 1.0 : ALPHA_AS_FLOAT;
    }
}
