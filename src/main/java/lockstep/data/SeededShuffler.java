package lockstep.data;

import lockstep.rand.Nd4jShuffle;

/**
 * The example order DL4J gives a user who holds the training set as one {@code DataSet} and, at the start of
 * each epoch e (1-based), shuffles it in place with {@code DataSet.shuffle(seed + e)}: {@link Nd4jShuffle}'s
 * reproduction of it, bit for bit. (ND4J's shuffle swaps rows in even/odd pairs; it is not a uniform
 * permutation, and the same seed twice restores the order, hence seed + e.) Keeps the last epoch's order, so
 * asking for epochs in turn costs one shuffle each. Not thread-safe.
 */
public final class SeededShuffler implements Shuffler {
    private final long seed;
    private int lastN = -1;
    private int lastEpoch;
    private int[] last;

    public SeededShuffler(long seed) {
        this.seed = seed;
    }

    @Override
    public int[] order(int n, int epoch) {
        if (n == lastN && epoch == lastEpoch + 1) {
            last = Nd4jShuffle.compose(last, Nd4jShuffle.order(n, seed + epoch));
        } else if (n != lastN || epoch != lastEpoch) {
            last = Nd4jShuffle.epochOrder(n, seed, epoch);
        }
        lastN = n;
        lastEpoch = epoch;
        return last.clone();
    }
}
