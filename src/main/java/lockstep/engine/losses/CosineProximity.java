package lockstep.engine.losses;

import lockstep.engine.activations.Activation;
import lockstep.linalg.Matrix;
import lockstep.spec.LossType;

/**
 * Cosine proximity as DL4J's LossCosineProximity, per example (row): -(y·p) / (max(|p|, ε) max(|y|, ε)) with
 * Euclidean norms and ε = 1e-5 (Nd4j.EPS_THRESHOLD). Gradient per row:
 * dL/dp_c = -(y_c |p|² - p_c (y·p)) / (max(|y|, ε) · max(|p|, ε) · max(|p|², ε)), the numerator with the
 * unclipped |p|² (the square of the norm) and each factor of the denominator clipped on its own (so for
 * |p| below sqrt(1e-5) the gradient uses ε for |p|² but |p| itself), then back through the output activation.
 * Any output activation; an all-zero output row gives a zero gradient instead of NaN. (nd4j-api
 * LossCosineProximity.java:56-63 score, :103-121 gradient.)
 */
public class CosineProximity implements Loss {
    static final double EPS = 1e-5;

    @Override
    public LossType type() {
        return LossType.COSINE_PROXIMITY;
    }

    @Override
    public double score(Matrix output, Matrix labels, Activation activation) {
        double eps = BatchMean.inTypeOf(output, EPS);
        double sum = 0.0;
        for (int r = 0; r < output.rows(); r++) {
            double pNorm = Math.max(Math.sqrt(dot(output, output, r)), eps);
            double yNorm = Math.max(Math.sqrt(dot(labels, labels, r)), eps);
            for (int c = 0; c < output.cols(); c++) {
                sum -= output.get(r, c) * labels.get(r, c) / pNorm / yNorm;
            }
        }
        return sum / output.rows();
    }

    @Override
    public void gradient(Matrix z, Matrix output, Matrix labels, Activation activation, Matrix dLdz) {
        double eps = BatchMean.inTypeOf(output, EPS);
        double batch = output.rows();
        Matrix dLda = dLdz;                        // built in place, then taken back through f in place
        for (int r = 0; r < output.rows(); r++) {
            double pNorm = Math.sqrt(dot(output, output, r));
            double pNormSquared = pNorm * pNorm;
            double yNorm = Math.max(Math.sqrt(dot(labels, labels, r)), eps);
            double pFactor = Math.max(pNorm, eps) * Math.max(pNormSquared, eps);
            double yDotP = dot(labels, output, r);
            for (int c = 0; c < output.cols(); c++) {
                double numerator = labels.get(r, c) * pNormSquared - output.get(r, c) * yDotP;
                dLda.set(r, c, -(numerator / yNorm / pFactor) / batch);
            }
        }
        activation.backward(z, output, dLda, dLdz);
    }

    /** Σ_c a[r,c]·b[r,c]. */
    private static double dot(Matrix a, Matrix b, int r) {
        double sum = 0.0;
        for (int c = 0; c < a.cols(); c++) {
            sum += a.get(r, c) * b.get(r, c);
        }
        return sum;
    }
}
