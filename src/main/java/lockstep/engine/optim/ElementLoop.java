package lockstep.engine.optim;

import lockstep.linalg.ElementOps;
import lockstep.linalg.Matrix;

/**
 * Runs an {@link ElementwiseRule} over whole matrices ({@link ElementOps#updateWithState}). Per element it does what the rule's definition says: the gradient and the state are read
 * (exactly, as doubles), {@link ElementwiseRule#update} computes in double, and u and the state are
 * written back, rounded once to the matrices' type, so the result does not depend on how the
 * elements are visited.
 */
final class ElementLoop {
    /** Per-thread scratch for one element's state, so that a step allocates nothing. */
    private static final ThreadLocal<double[]> SCRATCH = ThreadLocal.withInitial(() -> new double[4]);

    private ElementLoop() {
    }

    /**
     * u_i = rule.update(g_i, state_i, step) for every i. g, u and every state matrix share one shape
     * and type; modifies u (which may be g) and the state.
     */
    static void run(ElementwiseRule rule, Matrix g, Matrix u, Matrix[] state, double step) {
        ElementOps.updateWithState(g, u, state, SCRATCH.get(), step, rule);
    }
}
