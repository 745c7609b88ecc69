package lockstep.engine.optim;

import lockstep.linalg.Matrix;

/** An update rule that treats every element on its own: u_i = f(g_i, state_i, t). */
public interface ElementwiseRule extends UpdateRule {

    /**
     * The update of one element. {@code s} holds this element's state values in {@link #stateNames()}
     * order and is modified in place; {@code t} is the 1-based step number (iteration + 1).
     */
    double update(double g, double[] s, int t);

    /** Per-thread scratch for one element's state, so that a step allocates nothing. */
    ThreadLocal<double[]> SCRATCH = ThreadLocal.withInitial(() -> new double[4]);

    @Override
    default void apply(Matrix g, Matrix u, Matrix[] state, int iteration) {
        double[] s = SCRATCH.get();
        for (int i = 0, n = g.size(); i < n; i++) {
            for (int k = 0; k < state.length; k++) {
                s[k] = state[k].get(i);
            }
            u.set(i, update(g.get(i), s, iteration + 1));
            for (int k = 0; k < state.length; k++) {
                state[k].set(i, s[k]);
            }
        }
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
