package lockstep.engine.dropout;

import lockstep.linalg.Matrix;
import lockstep.spec.DropoutSpec;

/**
 * One dropout on a layer input x [B,n] in a training forward pass, with the random array r [B,n] its DL4J class drew
 * for that pass (the Dropout mask, GaussianDropout's or GaussianNoise's noise, AlphaDropout's 0/1 mask):
 * <pre>
 *   forward:  x' = f(x, r)            x, r, x' [B,n]
 *   backward: dL/dx = g(dL/dx', r)    [B,n]
 * </pre>
 * Both return a new matrix of x's data type and modify nothing.
 */
public interface InputDropout {

    /** x' [B,n] from x [B,n] and the drawn array r [B,n]. */
    Matrix forward(Matrix x, Matrix r);

    /** dL/dx [B,n] from dL/dx' [B,n] and the r of the same forward pass. */
    Matrix backward(Matrix dOut, Matrix r);

    /** The engine's version of {@code spec}'s DL4J class. */
    static InputDropout of(DropoutSpec spec) {
        return switch (spec.kind()) {
            case DROPOUT, GAUSSIAN_DROPOUT -> new MultiplicativeNoise();
            case GAUSSIAN_NOISE -> new AdditiveNoise();
            case ALPHA_DROPOUT -> new AlphaDropout(spec.value());
        };
    }
}
