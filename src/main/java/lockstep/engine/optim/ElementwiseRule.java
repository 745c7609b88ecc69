package lockstep.engine.optim;

import lockstep.linalg.ElementOps;
import lockstep.linalg.Matrix;

/** An update rule that treats every element on its own: u_i = f(g_i, state_i, t). */
public interface ElementwiseRule extends UpdateRule, ElementOps.StatefulUpdate {

    /**
     * What {@link #update} needs from the 1-based step number t, computed once per step rather than
     * once per element: the Adam family's bias-corrected step size, for instance. By default t itself.
     */
    default double perStep(int t) {
        return t;
    }

    /**
     * The update of one element, computed in double. {@code s} holds this element's state values in
     * {@link #stateNames()} order and is modified in place; {@code step} is {@link #perStep}(t) for the
     * 1-based step number t (iteration + 1).
     */
    @Override
    double update(double g, double[] s, double step);

    /** Runs {@link #update} over every element, on the flat arrays (see {@link ElementLoop}). */
    @Override
    default void apply(Matrix g, Matrix u, Matrix[] state, int iteration) {
        ElementLoop.run(this, g, u, state, perStep(iteration + 1));
    }

    /**
     * The step size of the Adam family: lr·sqrt(1-β2^t)/(1-β1^t), replaced by epsilon when it is 0 or
     * not finite (ND4J does this, so these rules still move parameters at lr = 0).
     */
    static double biasCorrectedStep(double lr, double beta1, double beta2, double epsilon, int t) {
        double alpha = lr * Math.sqrt(1.0 - Math.pow(beta2, t)) / (1.0 - Math.pow(beta1, t));
        return alpha == 0.0 || !Double.isFinite(alpha) ? epsilon : alpha;
    }
}
