package lockstep.engine.losses;

import lockstep.linalg.Matrix;
import lockstep.spec.LossType;

/**
 * Mean absolute error as DL4J's LossMAE (a subclass of LossL1): per example Σ_c |p_c - y_c| / nOut;
 * dL/dp = sign(p - y)/nOut, sign(0) = 0. DL4J quirk that training never sees: LossMAE's
 * computeScoreArray (per-example scores) divides by the column count of the already row-summed
 * [B,1] array, i.e. by 1, so its per-example scores are nOut times its computeScore's (nd4j-api LossMAE.java:57;
 * LossMSE.java:56 divides by labels.size(1) correctly).
 */
public class MeanAbsoluteError extends L1 {

    @Override
    public LossType type() {
        return LossType.MEAN_ABSOLUTE_ERROR;
    }

    @Override
    protected double perExampleDivisor(Matrix output) {
        return output.cols();
    }
}
