package lockstep.engine.losses;

import lockstep.spec.LossType;

/**
 * Sum of absolute errors as DL4J's LossL1: per example Σ_c |p_c - y_c|; dL/dp = sign(p - y), with
 * sign(0) = 0 (so an output exactly on its label gets no gradient), then back through the output
 * activation. {@link MeanAbsoluteError} divides both by nOut. Any output activation.
 */
public class L1 extends ElementwiseLoss {

    @Override
    public LossType type() {
        return LossType.L1;
    }

    @Override
    protected double term(double p, double y) {
        return Math.abs(p - y);
    }

    @Override
    protected double derivative(double p, double y) {
        return Math.signum(p - y);
    }
}
