package lockstep.engine.losses;

import lockstep.spec.LossType;

/**
 * Sum of squared errors as DL4J's LossL2: per example Σ_c (p_c - y_c)²; dL/dp = 2(p - y), then back
 * through the output activation. {@link Mse} divides both by nOut. Any output activation.
 */
public class L2 extends ElementwiseLoss {

    @Override
    public LossType type() {
        return LossType.L2;
    }

    @Override
    protected double term(double p, double y) {
        return (p - y) * (p - y);
    }

    @Override
    protected double derivative(double p, double y) {
        return 2.0 * (p - y);
    }
}
