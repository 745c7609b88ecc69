package lockstep.data;

import lockstep.rand.SplitMix64;

/** A Fisher–Yates shuffle per epoch, drawn from a stream derived from (seed, epoch): the same seed gives the same orders. */
public final class SeededShuffler implements Shuffler {
    /** Stream label that keeps shuffling independent of initialisation. */
    static final long SHUFFLE_STREAM = 0x5348554646L;
    private final long seed;

    public SeededShuffler(long seed) {
        this.seed = seed;
    }

    @Override
    public int[] order(int n, int epoch) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplitMix64 rng = SplitMix64.stream(seed, SHUFFLE_STREAM, epoch);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
