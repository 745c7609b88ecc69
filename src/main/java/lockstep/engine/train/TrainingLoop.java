package lockstep.engine.train;

import java.util.List;
import lockstep.data.Batch;
import lockstep.data.Dataset;
import lockstep.data.EpochPlan;
import lockstep.data.Shuffler;
import lockstep.linalg.DType;

/** The epoch loop: shuffle, cut into mini-batches, step through them; a listener sees every step. */
public final class TrainingLoop {

    /** Called after every step. Epoch and step are 1-based; step counts within the epoch. */
    public interface StepListener {
        void afterStep(int epoch, int step, Batch batch, double loss);
    }

    private final MiniBatchStep step;
    private final Shuffler shuffler;
    private final int batchSize;
    private final DType dtype;

    public TrainingLoop(MiniBatchStep step, Shuffler shuffler, int batchSize, DType dtype) {
        this.step = step;
        this.shuffler = shuffler;
        this.batchSize = batchSize;
        this.dtype = dtype;
    }

    public void run(Dataset data, int epochs, StepListener listener) {
        for (int epoch = 1; epoch <= epochs; epoch++) {
            List<int[]> batches = EpochPlan.batches(shuffler.order(data.size(), epoch), batchSize);
            step.setEpoch(epoch - 1);
            for (int s = 0; s < batches.size(); s++) {
                Batch batch = data.batch(batches.get(s), dtype, step.network().loss().type().labels());
                double loss = step.step(batch);
                listener.afterStep(epoch, s + 1, batch, loss);
            }
        }
    }
}
