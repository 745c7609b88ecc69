package lockstep.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts an epoch's example order into mini-batches: ceil(n / B) batches, the last one partial when B does not
 * divide n (DL4J's iterators hand that partial batch to fit() as it is), or floor(n / B) full batches when the
 * partial one is dropped.
 */
public final class EpochPlan {
    private EpochPlan() {
    }

    /** ceil(n / B) batches, the last one partial when B does not divide n. */
    public static List<int[]> batches(int[] order, int batchSize) {
        return batches(order, batchSize, false);
    }

    /** As {@link #batches(int[], int)}; with {@code dropLast} a partial last batch is left out (its examples are not seen that epoch). */
    public static List<int[]> batches(int[] order, int batchSize, boolean dropLast) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        List<int[]> batches = new ArrayList<>();
        for (int start = 0; start < order.length; start += batchSize) {
            int end = Math.min(order.length, start + batchSize);
            if (dropLast && end - start < batchSize) {
                break;
            }
            batches.add(Arrays.copyOfRange(order, start, end));
        }
        return batches;
    }

    /** Steps per epoch: ceil(n / B). */
    public static int stepsPerEpoch(int n, int batchSize) {
        return stepsPerEpoch(n, batchSize, false);
    }

    /** Steps per epoch: ceil(n / B), or floor(n / B) when the partial last batch is dropped. */
    public static int stepsPerEpoch(int n, int batchSize, boolean dropLast) {
        return dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
    }

    /** Examples seen per epoch: n, or B·floor(n / B) when the partial last batch is dropped. */
    public static int examplesPerEpoch(int n, int batchSize, boolean dropLast) {
        return dropLast ? n / batchSize * batchSize : n;
    }

    /** E.g. {@code 150 examples, batch 16: 10 steps per epoch (9 of 16, the last of 6)}. */
    public static String describe(int n, int batchSize, boolean dropLast) {
        int full = n / batchSize;
        int rest = n % batchSize;
        String s = n + " examples, batch " + batchSize + ": " + stepsPerEpoch(n, batchSize, dropLast) + " steps per epoch";
        if (rest == 0) {
            return s;
        }
        return dropLast ? s + " (the last " + rest + " examples of each epoch's order dropped)"
                : s + " (" + (full == 0 ? "one of " + rest : full + " of " + batchSize + ", the last of " + rest) + ")";
    }

    /** The batches laid end to end: the epoch's order as trained. */
    public static int[] concat(java.util.List<int[]> batches) {
        return batches.stream().flatMapToInt(java.util.Arrays::stream).toArray();
    }

    /**
     * Epoch {@code epoch}'s (1-based) mini-batches as the training settings define them: the shuffler's order when
     * {@code training.shuffle()}, dataset order otherwise, cut into batches of {@code training.batchSize()}, a smaller last
     * one dropped when {@code training.dropLast()}. Every epoch loop takes its batches from here.
     */
    public static List<int[]> batches(lockstep.spec.TrainingSpec training, Shuffler shuffler, int n, int epoch) {
        Shuffler order = training.shuffle() ? shuffler : Shuffler.IDENTITY;
        return batches(order.order(n, epoch), training.batchSize(), training.dropLast());
    }

    /** Steps per epoch under the training settings (floor or ceil of N/B as {@code dropLast} says). */
    public static int stepsPerEpoch(lockstep.spec.TrainingSpec training, int n) {
        return stepsPerEpoch(n, training.batchSize(), training.dropLast());
    }
}
