package lockstep.explore;

import java.util.Map;
import lockstep.engine.train.EarlyStopping;

/**
 * Where a side's validation loss stops improving: the epoch the engine's {@link EarlyStopping} (DL4J's
 * {@code EarlyStoppingTrainer} rule) would restore, and the epoch after which it would stop, computed afterwards
 * from the validation loss of every epoch the cell trained.
 *
 * @param bestEpoch    the epoch with the lowest validation loss up to the stop (1-based): the model early stopping keeps
 * @param stoppedAfter the epoch after which training would stop, or -1 when the rule does not stop within the epochs run
 * @param reason       why it stops (or that it does not), in words
 */
public record EarlyStoppingPick(int bestEpoch, int stoppedAfter, String reason) {

    /** The rule {@code config} applied to {@code validationLoss[e - 1]}, the loss after epoch e. */
    public static EarlyStoppingPick of(double[] validationLoss, EarlyStopping.Config config) {
        EarlyStopping stopping = new EarlyStopping(config);
        for (int epoch = 1; epoch <= validationLoss.length && !stopping.stopped(); epoch++) {
            double loss = validationLoss[epoch - 1];
            stopping.afterEpoch(epoch, () -> loss, Map::of);
        }
        String reason = stopping.stopped() ? stopping.describeReason()
                : "no stop within the " + validationLoss.length + " epochs run";
        return new EarlyStoppingPick(stopping.bestEpoch(), stopping.stopped() ? stopping.stoppedAfter() : -1, reason);
    }
}
