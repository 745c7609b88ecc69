package lockstep.engine.losses;

import lockstep.linalg.Matrix;
import lockstep.spec.LossType;

/**
 * Mean squared error as DL4J's LossMSE (a subclass of LossL2): per example Σ_c (p_c - y_c)² / nOut;
 * dL/dp = 2(p - y)/nOut, then back through the output activation. DL4J divides by nOut after the
 * activation's backward pass, the engine before: the same up to rounding.
 */
public class Mse extends L2 {

    @Override
    public LossType type() {
        return LossType.MSE;
    }

    @Override
    protected double perExampleDivisor(Matrix output) {
        return output.cols();
    }
}
