package lockstep.engine.autograd;

import java.util.List;
import java.util.Map;
import lockstep.engine.Parameter;
import lockstep.engine.optim.Optimizer;

/**
 * PyTorch's optimizer interface over the engine's {@link Optimizer} (from
 * {@code EngineComponents#optimizer(NetworkSpec)}: every DL4J updater, regularisation and gradient
 * normalisation the engine has). {@link #step()} applies one update from the gradients as they stand,
 * whatever number of backward() calls they were accumulated over; {@link #zeroGrad()} clears them.
 */
public final class AutogradOptimizer {
    private final List<Parameter> parameters;
    private final Optimizer optimizer;
    private int iteration;
    private int epoch;

    /** Creates the optimizer's state for these parameters (e.g. {@code model.parameters()}). */
    public AutogradOptimizer(List<Parameter> parameters, Optimizer optimizer) {
        this.parameters = List.copyOf(parameters);
        this.optimizer = optimizer;
        optimizer.initialiseState(this.parameters);
    }

    /** Sets every parameter's gradient to 0. Modifies the gradients only. */
    public void zeroGrad() {
        for (Parameter p : parameters) {
            p.gradient().fill(0.0);
        }
    }

    /**
     * θ -= u for every parameter, u computed by the engine's rules from the current gradient. Writes
     * each parameter's value and update and advances the optimizer's state and iteration; leaves the
     * gradients as they are.
     */
    public void step() {
        optimizer.step(parameters, iteration, epoch);
        iteration++;
    }

    /**
     * The 0-based epoch the next steps belong to, for learning-rate schedules counted in epochs (the
     * role of PyTorch's {@code scheduler.step()} once per epoch; iteration-based schedules ignore it).
     * Modifies nothing else.
     */
    public void setEpoch(int epoch) {
        this.epoch = epoch;
    }

    /** The regularisation penalty the score adds for the current parameter values (0 without regularisation). */
    public double penalty() {
        return optimizer.penalty(parameters);
    }

    /** Updates applied so far. */
    public int iteration() {
        return iteration;
    }

    public List<Parameter> parameters() {
        return parameters;
    }

    /** The engine optimizer's state, keyed {@code "0_W/M"}. */
    public Map<String, double[]> state() {
        return optimizer.state();
    }

    /** Overwrites the engine optimizer's state. */
    public void setState(Map<String, double[]> state) {
        optimizer.setState(state);
    }
}
