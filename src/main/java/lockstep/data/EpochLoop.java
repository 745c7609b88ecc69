package lockstep.data;

import java.util.List;

/**
 * The one epoch loop of lockstep: for each epoch (1-based), take its mini-batches from a {@link Plan}, tell the body
 * the epoch starts (epoch-based schedules read the counter {@code epoch - 1}, as DL4J's does), take one step per
 * batch, then end the epoch (validation, early stopping). The body may stop the loop after any step or epoch. Every
 * training and comparison loop in lockstep runs here: the engine's {@code TrainingLoop}, {@code compare}'s lockstep
 * run, {@code record} and {@code verify}, and the demos; what differs between them is the body and where the batches
 * come from (the engine's seeded order, DL4J's own, or the recorded one).
 */
public final class EpochLoop {

    /** Where epoch {@code epoch}'s batches of example indices come from; asked once per epoch, in order. */
    public interface Plan {
        List<int[]> batches(int epoch);
    }

    /** What the loop does at each point. */
    public interface Body {
        /**
         * Before the first step of epoch {@code epoch}, whose batches are {@code batches}; returns false to stop the loop
         * before that step (a batch order that differs from the other side's).
         */
        default boolean startEpoch(int epoch, List<int[]> batches) {
            return true;
        }

        /**
         * One step: batch {@code examples}, step {@code step} (1-based) of epoch {@code epoch}, {@code globalStep} (1-based)
         * of the run. Returns false to stop the loop after it.
         */
        boolean step(int epoch, int step, int globalStep, int[] examples);

        /** After the last step of epoch {@code epoch}; returns false to stop the loop (early stopping). */
        default boolean endEpoch(int epoch, int globalStep) {
            return true;
        }
    }

    private EpochLoop() {
    }

    /** The training settings' plan: {@link EpochPlan#batches(lockstep.spec.TrainingSpec, Shuffler, int, int)}. */
    public static Plan plan(lockstep.spec.TrainingSpec training, Shuffler shuffler, int examples) {
        return epoch -> EpochPlan.batches(training, shuffler, examples, epoch);
    }

    /** Runs at most {@code maxEpochs} epochs of {@code plan} through {@code body}; returns the steps taken. */
    public static int run(Plan plan, int maxEpochs, Body body) {
        int globalStep = 0;
        for (int epoch = 1; epoch <= maxEpochs; epoch++) {
            List<int[]> batches = plan.batches(epoch);
            if (!body.startEpoch(epoch, batches)) {
                return globalStep;
            }
            for (int s = 0; s < batches.size(); s++) {
                globalStep++;
                if (!body.step(epoch, s + 1, globalStep, batches.get(s))) {
                    return globalStep;
                }
            }
            if (!body.endEpoch(epoch, globalStep)) {
                return globalStep;
            }
        }
        return globalStep;
    }
}
