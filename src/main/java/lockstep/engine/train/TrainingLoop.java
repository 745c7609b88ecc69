package lockstep.engine.train;

import java.util.List;
import lockstep.data.Batch;
import lockstep.data.Dataset;
import lockstep.data.EpochLoop;
import lockstep.data.Shuffler;
import lockstep.linalg.DType;
import lockstep.spec.TrainingSpec;

/**
 * The epoch loop, as the textbook writes it: for each epoch, shuffle (when the settings say so), cut into
 * mini-batches (the smaller last one dropped when they say so), take one step per batch (forward, loss, backward,
 * update: {@link MiniBatchStep}), then validate and decide whether to stop early ({@link ValidatedStopping}); a listener
 * sees every step.
 */
public final class TrainingLoop {

    /** Called after every step. Epoch and step are 1-based; step counts within the epoch. */
    public interface StepListener {
        void afterStep(int epoch, int step, Batch batch, double loss);
    }

    /** What happens after each epoch; returns whether training goes on. */
    public interface EpochEnd {
        boolean goOn(int epoch);
    }

    /** Train every epoch asked for. */
    public static final EpochEnd ALL_EPOCHS = epoch -> true;

    private final MiniBatchStep step;
    private final Shuffler shuffler;
    private final TrainingSpec training;
    private final DType dtype;

    /** The loop for {@code training}'s batch size, shuffling, dropLast and data type, ordered by {@code shuffler}. */
    public TrainingLoop(MiniBatchStep step, Shuffler shuffler, TrainingSpec training) {
        this.step = step;
        this.shuffler = shuffler;
        this.training = training;
        this.dtype = training.dataType();
    }

    /** {@code epochs} epochs over {@code data}; modifies the network and the optimizer's state. */
    public void run(Dataset data, int epochs, StepListener listener) {
        run(data, epochs, listener, ALL_EPOCHS);
    }

    /**
     * At most {@code epochs} epochs over {@code data}, asking {@code end} after each whether to go on; returns the epochs
     * trained. Modifies the network and the optimizer's state.
     */
    public int run(Dataset data, int epochs, StepListener listener, EpochEnd end) {
        int[] trained = {0};
        EpochLoop.run(EpochLoop.plan(training, shuffler, data.size()), epochs, new EpochLoop.Body() {
            @Override
            public boolean startEpoch(int epoch, List<int[]> batches) {
                step.setEpoch(epoch - 1);
                return true;
            }

            @Override
            public boolean step(int epoch, int s, int globalStep, int[] examples) {
                Batch batch = data.batch(examples, dtype, step.network().loss().type().labels());
                listener.afterStep(epoch, s, batch, step.step(batch));
                return true;
            }

            @Override
            public boolean endEpoch(int epoch, int globalStep) {
                trained[0] = epoch;
                return end.goOn(epoch);
            }
        });
        return trained[0];
    }
}
