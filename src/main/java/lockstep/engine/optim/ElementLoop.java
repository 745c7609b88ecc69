package lockstep.engine.optim;

import lockstep.linalg.DMatrix;
import lockstep.linalg.FMatrix;
import lockstep.linalg.Matrix;

/**
 * Runs an {@link ElementwiseRule} over whole matrices, reading and writing their flat arrays
 * directly. Per element it does what the rule's definition says: the gradient and the state are read
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
        g.requireSameShapeAndType(u, "update");
        double[] s = SCRATCH.get();
        int n = state.length;
        if (u instanceof FMatrix fu) {
            float[] gd = ((FMatrix) g).data, ud = fu.data;
            for (int i = 0; i < ud.length; i++) {
                for (int k = 0; k < n; k++) {
                    s[k] = ((FMatrix) state[k]).data[i];
                }
                ud[i] = (float) rule.update(gd[i], s, step);
                for (int k = 0; k < n; k++) {
                    ((FMatrix) state[k]).data[i] = (float) s[k];
                }
            }
        } else {
            double[] gd = ((DMatrix) g).data, ud = ((DMatrix) u).data;
            for (int i = 0; i < ud.length; i++) {
                for (int k = 0; k < n; k++) {
                    s[k] = ((DMatrix) state[k]).data[i];
                }
                ud[i] = rule.update(gd[i], s, step);
                for (int k = 0; k < n; k++) {
                    ((DMatrix) state[k]).data[i] = s[k];
                }
            }
        }
    }
}
