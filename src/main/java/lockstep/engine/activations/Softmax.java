package lockstep.engine.activations;

import lockstep.linalg.Matrix;
import lockstep.spec.ActivationType;

/** Row-wise softmax, computed with the row maximum subtracted as DL4J does. */
public class Softmax implements Activation {
    @Override
    public ActivationType type() {
        return ActivationType.SOFTMAX;
    }

    /** a[r,c] = exp(z[r,c] - max_r) / Σ_c' exp(z[r,c'] - max_r). z, a [B,n]; modifies a. */
    @Override
    public void forward(Matrix z, Matrix a) {
        int n = z.cols();
        for (int r = 0; r < z.rows(); r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < n; c++) {
                max = Math.max(max, z.get(r, c));
            }
            double sum = 0.0;
            for (int c = 0; c < n; c++) {
                double e = Math.exp(z.get(r, c) - max);
                a.set(r, c, e);
                sum += e;
            }
            for (int c = 0; c < n; c++) {
                a.set(r, c, a.get(r, c) / sum);
            }
        }
    }

    /** The softmax Jacobian applied per row: dL/dz_c = a_c (dL/da_c - Σ_c' dL/da_c' a_c'). Modifies dLdz. */
    @Override
    public void backward(Matrix z, Matrix a, Matrix dLda, Matrix dLdz) {
        int n = z.cols();
        for (int r = 0; r < z.rows(); r++) {
            double dot = 0.0;
            for (int c = 0; c < n; c++) {
                dot += dLda.get(r, c) * a.get(r, c);
            }
            for (int c = 0; c < n; c++) {
                dLdz.set(r, c, a.get(r, c) * (dLda.get(r, c) - dot));
            }
        }
    }
}
