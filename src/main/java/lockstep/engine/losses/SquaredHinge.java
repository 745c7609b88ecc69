package lockstep.engine.losses;

import lockstep.spec.LossType;

/**
 * Squared hinge loss as DL4J's LossSquaredHinge: per example Σ_c max(0, 1 - y_c p_c)², labels in {-1, +1}
 * (encoded by lockstep as for {@link Hinge}). dL/dp = -2y (1 - y p) where 1 - y p &gt; 0, else 0, then back
 * through the output activation. Any output activation.
 */
public class SquaredHinge extends ElementwiseLoss {

    @Override
    public LossType type() {
        return LossType.SQUARED_HINGE;
    }

    @Override
    protected double term(double p, double y) {
        double v = Math.max(0.0, Hinge.violation(p, y));
        return v * v;
    }

    @Override
    protected double derivative(double p, double y) {
        double v = Hinge.violation(p, y);
        return v > 0.0 ? v * 2.0 * -y : 0.0;
    }
}
