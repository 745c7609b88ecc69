package lockstep.data;

import java.util.Arrays;
import lockstep.LockstepException;
import lockstep.rand.SplitMix64;

/** Training examples and the held-out examples a trained network is scored on. */
public record TrainTestSplit(Dataset train, Dataset test) {
    /** Stream label that keeps the hold-out draw independent of initialisation and shuffling. */
    static final long SPLIT_STREAM = 0x53504C4954L;

    /**
     * A seeded random hold-out: the examples are permuted by a Fisher–Yates shuffle drawn from
     * (seed, {@link #SPLIT_STREAM}); the first round(n·testFraction) of that order (at least one) are
     * the test set, the rest (in that order) the training set. The same seed gives the same split.
     */
    public static TrainTestSplit holdOut(Dataset data, double testFraction, long seed) {
        int n = data.size();
        if (n < 2) {
            throw new LockstepException("dataset " + data.name() + ": " + n + " example(s); a train/test split needs at least 2");
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplitMix64 rng = SplitMix64.stream(seed, SPLIT_STREAM);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int testSize = Math.max(1, Math.min(n - 1, (int) Math.round(n * testFraction)));
        return new TrainTestSplit(data.subset(data.name() + " train", Arrays.copyOfRange(order, testSize, n)),
                data.subset(data.name() + " test", Arrays.copyOfRange(order, 0, testSize)));
    }
}
