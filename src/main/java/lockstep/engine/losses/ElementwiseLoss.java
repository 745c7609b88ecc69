package lockstep.engine.losses;

import lockstep.engine.activations.Activation;
import lockstep.linalg.Matrix;

/**
 * A loss whose per-example value is Σ_c term(p_c, y_c) / divisor, for a divisor of 1 or nOut, and whose gradient
 * is dL/dp = derivative(p, y) / divisor element by element, back through the output activation (see
 * {@link BatchMean}). Subclasses give the term and its derivative next to each other.
 */
public abstract class ElementwiseLoss implements Loss {

    /** One output's contribution to its example's loss, before the divisor. */
    protected abstract double term(double p, double y);

    /** d term / dp, as DL4J computes it. */
    protected abstract double derivative(double p, double y);

    /** 1 here; nOut for DL4J's losses that average over the outputs. */
    protected double perExampleDivisor(Matrix output) {
        return 1.0;
    }

    @Override
    public double score(Matrix output, Matrix labels, Activation activation) {
        return BatchMean.score(output, labels, perExampleDivisor(output), this::term);
    }

    @Override
    public void gradient(Matrix z, Matrix output, Matrix labels, Activation activation, Matrix dLdz) {
        BatchMean.gradient(z, output, labels, activation, perExampleDivisor(output), this::derivative, dLdz);
    }
}
