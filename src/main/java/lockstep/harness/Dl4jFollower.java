package lockstep.harness;

import java.util.List;
import lockstep.data.Batch;
import lockstep.data.Dataset;
import lockstep.dl4j.Dl4jEpochOrder;
import lockstep.dl4j.Dl4jTrainer;
import lockstep.spec.RunSpec;
import lockstep.spec.TrainingSpec;

/**
 * DL4J's side of plain training driven by the engine's {@code TrainingLoop} (train --both, explore): at each of the
 * engine's steps DL4J takes its step of the same epoch and index, with a plain {@code fit(DataSet)}, on the batch it
 * cut itself ({@link Dl4jEpochOrder}: {@code DataSet.shuffle(seed + epoch)} and {@code batchBy}), from the weights and
 * dropout it drew itself from the seed. Nothing the engine computes reaches it. Its batch at each index has the size
 * of the engine's: both cut the same N examples by the same plan ({@link lockstep.data.EpochPlan}).
 */
public final class Dl4jFollower {
    private final Dl4jTrainer dl4j;
    private final Dataset training;
    private final RunSpec spec;
    private final Dl4jEpochOrder order;
    private List<int[]> batches;

    /** DL4J's own network for {@code spec}, drawn from its seed, to train on {@code training}. */
    public Dl4jFollower(RunSpec spec, Dataset training) {
        TrainingSpec t = spec.training();
        this.dl4j = new Dl4jTrainer(spec.network(), t.dataType(), t.seed());
        this.training = training;
        this.spec = spec;
        this.order = new Dl4jEpochOrder(training.size(), t.seed(), t.shuffle());
    }

    /**
     * DL4J's step {@code step} (1-based) of epoch {@code epoch} (1-based; steps of an epoch in order, epochs in order):
     * its batch-mean loss before the update. Modifies the network and the epoch order.
     */
    public double step(int epoch, int step) {
        TrainingSpec t = spec.training();
        if (step == 1) {
            batches = order.nextEpoch(t.batchSize(), t.dropLast());
            dl4j.setEpoch(epoch - 1);              // fit(DataSet) never advances it; epoch-based schedules read it
        }
        Batch b = training.batch(batches.get(step - 1), t.dataType(), spec.network().loss().labels());
        return dl4j.fit(b.features().toDoubleArray(), b.labels().toDoubleArray(), b.size());
    }

    /** The DL4J network (for evaluation after training). */
    public Dl4jTrainer trainer() {
        return dl4j;
    }
}
