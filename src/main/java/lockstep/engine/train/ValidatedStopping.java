package lockstep.engine.train;

import lockstep.data.Dataset;
import lockstep.engine.EngineComponents;
import lockstep.engine.Network;
import lockstep.linalg.DType;
import lockstep.spec.EarlyStoppingSpec;
import lockstep.spec.NetworkSpec;

/**
 * The end of each epoch in the textbook loop when training stops early: the {@link Validator} scores the network's
 * current parameters on the validation examples, {@link EarlyStopping} decides (keeping a copy of the best parameters),
 * and when training is over {@link #restoreBest()} sets the network to them. Reads the network after each epoch;
 * modifies it only in {@link #restoreBest()}.
 */
public final class ValidatedStopping implements TrainingLoop.EpochEnd {
    private final Network network;
    private final Validator validator;
    private final EarlyStopping rule;

    /** For {@code network} (built from {@code spec}), scoring {@code validation}, at most {@code maxEpochs} epochs. */
    public ValidatedStopping(Network network, NetworkSpec spec, DType dtype, EngineComponents components, Dataset validation,
                             EarlyStoppingSpec settings, int maxEpochs) {
        this.network = network;
        this.validator = new Validator(spec, dtype, components, validation);
        this.rule = new EarlyStopping(new EarlyStopping.Config(settings.patience(), settings.minDelta(), maxEpochs,
                settings.evaluateEvery()));
    }

    /** Validates after an evaluated epoch and returns whether training goes on. */
    @Override
    public boolean goOn(int epoch) {
        return !rule.afterEpoch(epoch, () -> validator.evaluate(network.parameterValues()).loss(), network::parameterValues);
    }

    /** The decision so far: scores, best epoch, why it stopped. */
    public EarlyStopping rule() {
        return rule;
    }

    /** Sets the network to the best parameters kept (no change before the first evaluation). */
    public void restoreBest() {
        if (rule.bestParameters() != null) {
            network.setParameterValues(rule.bestParameters());
        }
    }
}
