package lockstep.engine.losses;

import lockstep.spec.LossType;

/**
 * Hinge loss as DL4J's LossHinge: per example Σ_c max(0, 1 - y_c p_c), for labels y in {-1, +1} (lockstep
 * encodes one-hot labels as 2y - 1 for this loss, on both sides). dL/dp = -y where 1 - y p &gt; 0 and 0
 * elsewhere, including exactly at the kink 1 - y p = 0 (DL4J's mask sets only values &gt; 0 to 1), then back
 * through the output activation. Any output activation (IDENTITY or TANH are the usual ones). DL4J does not
 * check the labels: given one-hot 0/1 labels it would compute 1 - 0·p = 1 for every non-class output, a constant
 * with no gradient. (nd4j-api LossHinge.java:41-47 score, :84-92 mask.)
 */
public class Hinge extends ElementwiseLoss {

    @Override
    public LossType type() {
        return LossType.HINGE;
    }

    /** 1 - y·p, the margin violation before the max(0, ·). */
    static double violation(double p, double y) {
        return 1.0 - y * p;
    }

    @Override
    protected double term(double p, double y) {
        return Math.max(0.0, violation(p, y));
    }

    @Override
    protected double derivative(double p, double y) {
        return violation(p, y) > 0.0 ? -y : 0.0;
    }
}
