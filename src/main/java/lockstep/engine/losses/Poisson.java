package lockstep.engine.losses;

import lockstep.spec.LossType;

/**
 * Poisson loss as DL4J's LossPoisson: per example Σ_c (p_c - y_c ln p_c), no clipping; dL/dp = 1 - y/p,
 * then back through the output activation. Needs outputs &gt; 0: SOFTMAX, SIGMOID or SOFTPLUS.
 */
public class Poisson extends ElementwiseLoss {

    @Override
    public LossType type() {
        return LossType.POISSON;
    }

    @Override
    protected double term(double p, double y) {
        return p - y * Math.log(p);
    }

    @Override
    protected double derivative(double p, double y) {
        return 1.0 - y / p;
    }
}
