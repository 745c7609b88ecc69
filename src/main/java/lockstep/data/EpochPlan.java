package lockstep.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Cuts an epoch's example order into mini-batches: ceil(n / B) batches, the last one partial when B does not divide n. */
public final class EpochPlan {
    private EpochPlan() {
    }

    public static List<int[]> batches(int[] order, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        List<int[]> batches = new ArrayList<>();
        for (int start = 0; start < order.length; start += batchSize) {
            batches.add(Arrays.copyOfRange(order, start, Math.min(order.length, start + batchSize)));
        }
        return batches;
    }

    /** Steps per epoch: ceil(n / B). */
    public static int stepsPerEpoch(int n, int batchSize) {
        return (n + batchSize - 1) / batchSize;
    }
}
