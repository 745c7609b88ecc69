package lockstep.engine.optim;

import java.util.List;
import lockstep.linalg.Matrix;

/**
 * How one parameter's (normalised, regularised) gradient becomes its update, with the state the rule
 * keeps between steps: DL4J's GradientUpdater. The state arrays have the parameter's shape and are
 * named with DL4J's own state keys ("M", "V", ...), so that they can be compared one to one.
 */
public interface UpdateRule {

    /** DL4J's names of the state arrays, in DL4J's order; empty for a stateless rule. */
    List<String> stateNames();

    /** The value every state element starts at (0, except RmsProp and AdaGrad, which start at epsilon). */
    default double initialState() {
        return 0.0;
    }

    /** The learning rate, or 1.0 for a rule without one (that is what DL4J's weight decay multiplies by). */
    double learningRate();

    /**
     * u = rule(g, state) for every element. g, u and each state matrix share one shape; modifies u and
     * the state (u may be the same matrix as g).
     *
     * @param iteration the number of updates applied before this one (0 for the first)
     */
    void apply(Matrix g, Matrix u, Matrix[] state, int iteration);
}
