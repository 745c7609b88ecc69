package lockstep.engine.losses;

import lockstep.engine.activations.Activation;
import lockstep.linalg.Matrix;
import lockstep.spec.ActivationType;
import lockstep.spec.LossType;

/**
 * Binary cross-entropy per output as DL4J's LossBinaryXENT: with q = p clipped to [1e-5, 1 - 1e-5],
 * per example -Σ_c [y_c ln q_c + (1 - y_c) ln(1 - q_c)]; dL/dp = (q - y) / (q (1 - q)), then back through
 * the activation's derivative at the UNclipped output. The clip changes the gradient: beyond the bounds
 * the score is flat, but the gradient is not zero; it is that of the bound.
 * <p>
 * DL4J quirk with a SOFTMAX output: the score is -Σ_c y_c ln p_c (ln of the softmax, no clip, no
 * (1 - y) ln(1 - p) term, i.e. MCXENT's), while the gradient is still the clipped binary one above taken
 * back through the softmax Jacobian: the gradient is not the derivative of the score. The engine
 * reproduces both; finite differences therefore disagree for XENT with SOFTMAX, by design.
 * <p>
 * In a FLOAT network the bounds are floats, (float) (1 - 1e-5) = 0.99998999 (nd4j-api LossBinaryXENT.java:118-123
 * softmax score, :126-133 clip in the score, :187-198 clip and gradient).
 */
public class Xent implements Loss {
    static final double CLIP = 1e-5;

    @Override
    public LossType type() {
        return LossType.XENT;
    }

    @Override
    public double score(Matrix output, Matrix labels, Activation activation) {
        if (activation.type() == ActivationType.SOFTMAX) {
            return BatchMean.score(output, labels, 1.0, (p, y) -> -y * Math.log(p));
        }
        double lo = BatchMean.inTypeOf(output, CLIP);
        double hi = BatchMean.inTypeOf(output, 1.0 - CLIP);
        return BatchMean.score(output, labels, 1.0, (p, y) -> {
            double q = BatchMean.clip(p, lo, hi);
            return -(y * Math.log(q) + (1.0 - y) * Math.log(1.0 - q));
        });
    }

    @Override
    public void gradient(Matrix z, Matrix output, Matrix labels, Activation activation, Matrix dLdz) {
        double lo = BatchMean.inTypeOf(output, CLIP);
        double hi = BatchMean.inTypeOf(output, 1.0 - CLIP);
        BatchMean.gradient(z, output, labels, activation, 1.0, (p, y) -> {
            double q = BatchMean.clip(p, lo, hi);
            return (q - y) / (q * (1.0 - q));
        }, dLdz);
    }
}
