package lockstep.engine.losses;

import java.util.function.DoubleBinaryOperator;
import lockstep.engine.activations.Activation;
import lockstep.linalg.DType;
import lockstep.linalg.Matrix;

/**
 * What the losses share: a score that is a sum of per-element terms f(p, y), divided by a per-example
 * divisor (1, or nOut for DL4J's "mean" losses) and by B; and its gradient, dL/dp = f'(p, y) / (divisor·B)
 * element by element, taken back through the output activation. p is the output element, y its label.
 */
final class BatchMean {
    private BatchMean() {
    }

    /** (1/B) (1/divisor) Σ_elements term(p, y). output and labels are [B,n]. */
    static double score(Matrix output, Matrix labels, double divisor, DoubleBinaryOperator term) {
        double sum = 0.0;
        for (int i = 0, n = output.size(); i < n; i++) {
            sum += term.applyAsDouble(output.get(i), labels.get(i));
        }
        return sum / divisor / output.rows();
    }

    /**
     * dL/dz for dL/dp = derivative(p, y) / (divisor·B), back through {@code activation}. z, output, labels
     * and dLdz are [B,n]; modifies dLdz only.
     */
    static void gradient(Matrix z, Matrix output, Matrix labels, Activation activation, double divisor,
                         DoubleBinaryOperator derivative, Matrix dLdz) {
        double scale = 1.0 / (divisor * output.rows());
        Matrix dLda = dLdz;                        // dL/da is built in place, then taken back through f in place
        for (int i = 0, n = output.size(); i < n; i++) {
            dLda.set(i, derivative.applyAsDouble(output.get(i), labels.get(i)) * scale);
        }
        activation.backward(z, output, dLda, dLdz);
    }

    /**
     * A constant as DL4J holds it for a network of m's type: in a FLOAT network its clipping bounds are
     * floats (1 - 1e-5 becomes 0.99998999, and 1 - p near that bound differs by 0.3% from double's).
     */
    static double inTypeOf(Matrix m, double value) {
        return m.dtype() == DType.FLOAT ? (float) value : value;
    }

    /** v limited to [lo, hi]. */
    static double clip(double v, double lo, double hi) {
        return Math.min(hi, Math.max(lo, v));
    }
}
