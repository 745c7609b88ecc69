package lockstep.engine.optim;

import java.util.List;
import lockstep.engine.Parameter;

/** Turns gradients into updates and applies them: θ ← θ - u. */
public interface Optimizer {

    /**
     * One update of every parameter from its current gradient. Writes u into each
     * {@link Parameter#update()} and subtracts it from {@link Parameter#value()}.
     *
     * @param iteration the number of updates applied before this one (0 for the first)
     */
    void step(List<Parameter> parameters, int iteration);
}
