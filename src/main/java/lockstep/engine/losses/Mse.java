package lockstep.engine.losses;

import lockstep.engine.activations.Activation;
import lockstep.linalg.Matrix;
import lockstep.spec.LossType;

/**
 * Mean squared error as DL4J's LossMSE: per example Σ_c (p_c - y_c)² / nOut; dL/dp = 2(p - y)/(nOut·B),
 * then back through the output activation.
 */
public class Mse implements Loss {

    @Override
    public LossType type() {
        return LossType.MSE;
    }

    @Override
    public double score(Matrix output, Matrix labels) {
        double sum = 0.0;
        for (int i = 0, n = output.size(); i < n; i++) {
            double d = output.get(i) - labels.get(i);
            sum += d * d;
        }
        return sum / output.cols() / output.rows();
    }

    @Override
    public void gradient(Matrix z, Matrix output, Matrix labels, Activation activation, Matrix dLdz) {
        double scale = 2.0 / (output.cols() * (double) output.rows());
        Matrix dLda = output.like(output.rows(), output.cols());
        for (int i = 0, n = output.size(); i < n; i++) {
            dLda.set(i, (output.get(i) - labels.get(i)) * scale);
        }
        activation.backward(z, output, dLda, dLdz);
    }
}
