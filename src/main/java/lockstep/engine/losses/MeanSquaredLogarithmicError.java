package lockstep.engine.losses;

import lockstep.linalg.Matrix;
import lockstep.spec.LossType;

/**
 * Mean squared logarithmic error as DL4J's LossMSLE: per example Σ_c ln((p_c + 1)/(y_c + 1))² / nOut;
 * dL/dp = 2 ln((p + 1)/(y + 1)) / ((p + 1) nOut), then back through the output activation. Needs
 * outputs &gt; -1; the engine accepts activations whose outputs are &gt;= 0 (SOFTMAX, SIGMOID, SOFTPLUS,
 * HARDSIGMOID, RELU, RELU6, RECTIFIEDTANH), since TANH or ELU reach -1 in floating point.
 */
public class MeanSquaredLogarithmicError extends ElementwiseLoss {

    @Override
    public LossType type() {
        return LossType.MEAN_SQUARED_LOGARITHMIC_ERROR;
    }

    private static double logRatio(double p, double y) {
        return Math.log((p + 1.0) / (y + 1.0));
    }

    @Override
    protected double term(double p, double y) {
        return logRatio(p, y) * logRatio(p, y);
    }

    @Override
    protected double derivative(double p, double y) {
        return 2.0 / (p + 1.0) * logRatio(p, y);
    }

    @Override
    protected double perExampleDivisor(Matrix output) {
        return output.cols();
    }
}
