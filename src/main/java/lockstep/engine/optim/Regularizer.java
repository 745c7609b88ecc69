package lockstep.engine.optim;

import lockstep.linalg.ElementOps;
import lockstep.linalg.Matrix;

/**
 * One regularisation term on one parameter, as DL4J's L1Regularization, L2Regularization and
 * WeightDecay compute it. L1 and L2 add to the gradient before the updater; weight decay adds to
 * the update after it.
 */
public record Regularizer(Kind kind, double coefficient) {

    public enum Kind { L1, L2, WEIGHT_DECAY }

    public boolean beforeUpdater() {
        return kind != Kind.WEIGHT_DECAY;
    }

    /** L1: g += c·sign(θ); L2: g += c·θ (each element rounded once to g's type). Modifies g. */
    public void addToGradient(Matrix theta, Matrix g) {
        if (kind == Kind.L1) {
            ElementOps.addScaledSign(coefficient, theta, g);
        } else {
            ElementOps.addScaled(coefficient, theta, g);
        }
    }

    /** Weight decay: u += c·lr·θ (lr = 1 for updaters without one). Modifies u. */
    public void addToUpdate(Matrix theta, Matrix u, double learningRate) {
        ElementOps.addScaled(coefficient * learningRate, theta, u);
    }

    /** The term added to the score: c·Σ|θ| for L1, 0.5·c·Σθ² for L2 and weight decay. */
    public double penalty(Matrix theta) {
        double sum = 0.0;
        for (int i = 0, n = theta.size(); i < n; i++) {
            double v = theta.get(i);
            sum += kind == Kind.L1 ? Math.abs(v) : v * v;
        }
        if (kind == Kind.L1) {
            return coefficient * sum;
        }
        double norm2 = Math.sqrt(sum);
        return coefficient * 0.5 * norm2 * norm2;
    }
}
