package lockstep.dl4j;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The mini-batches of each epoch as a DL4J user cuts them: the training set held as one {@code DataSet},
 * shuffled in place with {@code DataSet.shuffle(seed + epoch)} at the start of each epoch (1-based; ND4J's
 * shuffle with one seed twice would restore the order) and cut with {@code batchBy(batchSize)}, a smaller
 * last batch dropped when asked. Which example lands where is read off a DataSet of example indices that
 * the same calls shuffle and cut (the shuffle's permutation depends only on the seed and the example count).
 * Nothing here comes from the engine. Epochs are taken in turn; modifies its DataSet.
 */
public final class Dl4jEpochOrder {
    private final DataSet indices;
    private final long seed;
    private final boolean shuffle;
    private int epoch;

    /** For {@code n} examples; without {@code shuffle} every epoch is in dataset order. */
    public Dl4jEpochOrder(int n, long seed, boolean shuffle) {
        Nd4jRuntime.init();
        double[] index = new double[n];
        for (int i = 0; i < n; i++) {
            index[i] = i;
        }
        INDArray column = Nd4j.create(index, new long[] {n, 1}, 'c').castTo(DataType.DOUBLE);
        this.indices = new DataSet(column, column.dup());
        this.seed = seed;
        this.shuffle = shuffle;
    }

    /** The next epoch's batches, each the example indices in the order DL4J's batch holds them. */
    public List<int[]> nextEpoch(int batchSize, boolean dropLast) {
        epoch++;
        if (shuffle) {
            indices.shuffle(seed + epoch);
        }
        List<int[]> batches = new ArrayList<>();
        if (indices.numExamples() == 0) {
            return batches;
        }
        for (DataSet batch : indices.batchBy(batchSize)) {
            if (dropLast && batch.numExamples() < batchSize) {
                continue;
            }
            double[] values = batch.getFeatures().castTo(DataType.DOUBLE).dup('c').data().asDouble();
            int[] ids = new int[values.length];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = (int) values[i];
            }
            batches.add(ids);
        }
        return batches;
    }
}
