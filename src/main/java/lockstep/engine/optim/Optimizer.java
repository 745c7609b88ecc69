package lockstep.engine.optim;

import java.util.List;
import java.util.Map;
import lockstep.engine.Parameter;

/** Turns gradients into updates and applies them: θ ← θ - u. */
public interface Optimizer {

    /**
     * One update of every parameter from its current gradient (the batch-mean loss gradient, which
     * is left untouched). Writes u into each {@link Parameter#update()} and subtracts it from
     * {@link Parameter#value()}; advances the optimizer's state.
     *
     * @param iteration the number of updates applied before this one (0 for the first)
     * @param epoch     the 0-based epoch (epoch-based learning-rate schedules use it)
     */
    void step(List<Parameter> parameters, int iteration, int epoch);

    /** Creates the updater state of every parameter at its initial value, before the first step. */
    void initialiseState(List<Parameter> parameters);

    /** The regularisation penalty added to the score for these parameter values (0 without regularisation). */
    double penalty(List<Parameter> parameters);

    /** The updater state per parameter and state name, keyed {@code "0_W/M"}, row-major like the parameter. */
    Map<String, double[]> state();

    /** Overwrites the updater state (keys and sizes as {@link #state()} gives them). */
    void setState(Map<String, double[]> state);
}
