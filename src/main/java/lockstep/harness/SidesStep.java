package lockstep.harness;

import java.util.List;
import lockstep.data.Batch;
import lockstep.data.Dataset;
import lockstep.data.EpochLoop;
import lockstep.linalg.DType;
import lockstep.spec.LabelEncoding;

/**
 * An {@link EpochLoop} body for trainers that train side by side: each epoch starts on every side (the counter
 * {@code epoch - 1} that epoch-based schedules read), and each step gets its batch cut from the examples in the run's
 * data type and label encoding. Subclasses say what one step does with it.
 */
public abstract class SidesStep implements EpochLoop.Body {
    private final List<Trainer> sides;
    private final Dataset data;
    private final DType dtype;
    private final LabelEncoding labels;

    protected SidesStep(Dataset data, DType dtype, LabelEncoding labels, Trainer... sides) {
        this.sides = List.of(sides);
        this.data = data;
        this.dtype = dtype;
        this.labels = labels;
    }

    @Override
    public final boolean startEpoch(int epoch, List<int[]> batches) {
        for (Trainer side : sides) {
            side.setEpoch(epoch - 1);
        }
        return true;
    }

    @Override
    public final boolean step(int epoch, int step, int globalStep, int[] examples) {
        return step(epoch, step, globalStep, data.batch(examples, dtype, labels));
    }

    /** One step on {@code batch} (its examples cut by the loop); returns false to stop the loop after it. */
    protected abstract boolean step(int epoch, int step, int globalStep, Batch batch);
}
