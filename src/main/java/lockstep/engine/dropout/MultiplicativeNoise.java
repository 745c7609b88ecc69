package lockstep.engine.dropout;

import lockstep.linalg.ElementOps;
import lockstep.linalg.Matrix;

/**
 * DL4J's {@code Dropout(p)} (r: the inverted-dropout mask, 0 or 1/p) and {@code GaussianDropout(rate)} (r: noise from
 * N(1, sqrt(rate / (1 − rate)))): both are one {@code MulOp(input, r, output)} forward and one
 * {@code MulOp(gradAtOutput, r, gradAtInput)} backward, each rounded once in the data type.
 * <pre>
 *   forward:  x' = x ⊙ r            [B,n]
 *   backward: dL/dx = dL/dx' ⊙ r    [B,n]
 * </pre>
 */
public class MultiplicativeNoise implements InputDropout {

    @Override
    public Matrix forward(Matrix x, Matrix r) {
        Matrix out = x.like(x.rows(), x.cols());
        ElementOps.multiply(x, r, out);                  // x' = x ⊙ r
        return out;
    }

    @Override
    public Matrix backward(Matrix dOut, Matrix r) {
        Matrix dx = dOut.like(dOut.rows(), dOut.cols());
        ElementOps.multiply(dOut, r, dx);                // dL/dx = dL/dx' ⊙ r
        return dx;
    }
}
