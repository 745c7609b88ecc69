package lockstep.engine.dropout;

import lockstep.linalg.ElementOps;
import lockstep.linalg.Matrix;

/**
 * DL4J's {@code GaussianNoise(stddev)}, r the noise from N(0, stddev): {@code AddOp(input, noise, output)} forward,
 * rounded once in the data type; its {@code backprop} hands the gradient through ({@code gradAtInput.assign(gradAtOutput)}),
 * since dx'/dx = 1. DL4J does not keep the noise (a local of {@code applyDropout}).
 * <pre>
 *   forward:  x' = x + r            [B,n]
 *   backward: dL/dx = dL/dx'        [B,n]
 * </pre>
 */
public class AdditiveNoise implements InputDropout {

    @Override
    public Matrix forward(Matrix x, Matrix r) {
        Matrix out = x.like(x.rows(), x.cols());
        ElementOps.add(x, r, out);                       // x' = x + r
        return out;
    }

    @Override
    public Matrix backward(Matrix dOut, Matrix r) {
        return dOut.copy();                              // dL/dx = dL/dx'
    }
}
