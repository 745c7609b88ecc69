package lockstep.engine.losses;

import lockstep.engine.activations.Activation;
import lockstep.linalg.Matrix;
import lockstep.spec.ActivationType;
import lockstep.spec.LossType;

/**
 * Multi-class cross-entropy as DL4J's LossMCXENT: per example -Σ_c y_c ln p_c.
 * <ul>
 * <li>SOFTMAX output: p is clipped to [1e-10, 1 - 1e-10] in the score only; the gradient is
 *     dL/dz = (p - y) directly, unclipped, without the softmax Jacobian (it assumes each label row sums to 1,
 *     which one-hot labels do).</li>
 * <li>Any other output (lockstep accepts SIGMOID): no clipping at all; dL/dp = -y/p, then back
 *     through the activation. With one-hot labels only the class's own output is pushed up.</li>
 * </ul>
 * (nd4j-api LossMCXENT.java:97-100 clips only for ActivationSoftmax; :147-164 softmax gradient; :165-168 the rest.)
 */
public class McXent implements Loss {
    static final double CLIP = 1e-10;

    @Override
    public LossType type() {
        return LossType.MCXENT;
    }

    @Override
    public double score(Matrix output, Matrix labels, Activation activation) {
        if (activation.type() == ActivationType.SOFTMAX) {
            double lo = BatchMean.inTypeOf(output, CLIP);
            double hi = BatchMean.inTypeOf(output, 1.0 - CLIP);
            double sum = 0.0;                        // written out, not through a capturing lambda: no allocation per step
            for (int i = 0, n = output.size(); i < n; i++) {
                sum += -labels.get(i) * Math.log(BatchMean.clip(output.get(i), lo, hi));
            }
            return sum / output.rows();
        }
        return BatchMean.score(output, labels, 1.0, (p, y) -> -y * Math.log(p));
    }

    @Override
    public void gradient(Matrix z, Matrix output, Matrix labels, Activation activation, Matrix dLdz) {
        if (activation.type() == ActivationType.SOFTMAX) {
            double batch = output.rows();
            for (int i = 0, n = output.size(); i < n; i++) {
                dLdz.set(i, (output.get(i) - labels.get(i)) / batch);
            }
            return;
        }
        BatchMean.gradient(z, output, labels, activation, 1.0, (p, y) -> -(y / p), dLdz);
    }
}
