package lockstep.engine.losses;

import lockstep.engine.activations.Activation;
import lockstep.linalg.Matrix;
import lockstep.spec.ActivationType;
import lockstep.spec.LossType;

/**
 * Multi-class cross-entropy as DL4J's LossMCXENT: per example -Σ_c y_c ln p_c with p clipped to
 * [1e-10, 1 - 1e-10] in the score only. With a softmax output, dL/dz = (p - y) / B.
 */
public class McXent implements Loss {
    static final double CLIP = 1e-10;

    @Override
    public LossType type() {
        return LossType.MCXENT;
    }

    @Override
    public double score(Matrix output, Matrix labels) {
        double sum = 0.0;
        for (int i = 0, n = output.size(); i < n; i++) {
            double p = Math.min(1.0 - CLIP, Math.max(CLIP, output.get(i)));
            sum -= labels.get(i) * Math.log(p);
        }
        return sum / output.rows();
    }

    @Override
    public void gradient(Matrix z, Matrix output, Matrix labels, Activation activation, Matrix dLdz) {
        if (activation.type() != ActivationType.SOFTMAX) {
            throw new IllegalStateException("MCXENT is implemented for a SOFTMAX output only, got " + activation.type());
        }
        double batch = output.rows();
        for (int i = 0, n = output.size(); i < n; i++) {
            dLdz.set(i, (output.get(i) - labels.get(i)) / batch);
        }
    }
}
