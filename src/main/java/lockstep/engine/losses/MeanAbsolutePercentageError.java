package lockstep.engine.losses;

import lockstep.linalg.Matrix;
import lockstep.spec.LossType;

/**
 * Mean absolute percentage error as DL4J's LossMAPE: per example Σ_c |(y_c - p_c)/y_c| · 100/nOut;
 * dL/dp = -100 sign(y - p) / (|y| nOut), sign(0) = 0, then back through the output activation. It divides by
 * the label, so a label of 0 gives Inf/NaN in DL4J: lockstep encodes one-hot labels as y + 1 (2 for the
 * class, 1 elsewhere) for this loss, on both sides. Any output activation (IDENTITY, SOFTPLUS or RELU can
 * reach the labels). (nd4j-api LossMAPE.java:76 score, :122-125 gradient.)
 */
public class MeanAbsolutePercentageError extends ElementwiseLoss {

    @Override
    public LossType type() {
        return LossType.MEAN_ABSOLUTE_PERCENTAGE_ERROR;
    }

    @Override
    protected double term(double p, double y) {
        return Math.abs((y - p) / y) * 100.0;
    }

    @Override
    protected double derivative(double p, double y) {
        return -100.0 * Math.signum(y - p) / Math.abs(y);
    }

    @Override
    protected double perExampleDivisor(Matrix output) {
        return output.cols();
    }
}
