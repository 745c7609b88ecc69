package lockstep.engine.losses;

import lockstep.engine.activations.Activation;
import lockstep.linalg.Matrix;
import lockstep.spec.LossType;

/**
 * Kullback-Leibler divergence as DL4J's LossKLD: per example Σ_c y'_c ln(y'_c / p'_c), where the score
 * clips BOTH p and y to [1e-5, 1] (Nd4j.EPS_THRESHOLD), so a one-hot label's zeros count as 1e-5 and add
 * 1e-5·ln(1e-5/p) each; the gradient clips neither: dL/dp = -y/p, then back through the output
 * activation. The gradient is therefore not exactly the score's derivative (off by about 1e-5/p per
 * zero label). Needs outputs in (0, 1): SOFTMAX or SIGMOID. (nd4j-api LossKLD.java:45-46 clips, :85 does not;
 * EPS_THRESHOLD is a mutable public static, Nd4j.java:252; the engine assumes its default.)
 */
public class KlDivergence implements Loss {
    static final double EPS = 1e-5;

    @Override
    public LossType type() {
        return LossType.KL_DIVERGENCE;
    }

    @Override
    public double score(Matrix output, Matrix labels, Activation activation) {
        double lo = BatchMean.inTypeOf(output, EPS);
        return BatchMean.score(output, labels, 1.0, (p, y) -> {
            double yc = BatchMean.clip(y, lo, 1.0);
            return yc * Math.log(yc / BatchMean.clip(p, lo, 1.0));
        });
    }

    @Override
    public void gradient(Matrix z, Matrix output, Matrix labels, Activation activation, Matrix dLdz) {
        BatchMean.gradient(z, output, labels, activation, 1.0, (p, y) -> -(y / p), dLdz);
    }
}
