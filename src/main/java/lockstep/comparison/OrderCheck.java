package lockstep.comparison;

import java.util.List;
import lockstep.data.EpochPlan;

/** The batch-order comparison of one epoch: both sides must visit the same examples in the same order, cut alike. */
public final class OrderCheck {
    private OrderCheck() {
    }

    /**
     * Null when the engine's batches of an epoch hold the examples DL4J's hold, in the same order and cut alike;
     * otherwise the first position in the epoch's order (batches laid end to end) where they differ, in the step
     * (DL4J's batch) that holds it, with both example indices (-1: that side has no example there).
     */
    public static Divergence firstDifference(int epoch, int stepsBefore, List<int[]> engine, List<int[]> dl4j,
                                             Tolerance tolerance) {
        int[] e = EpochPlan.concat(engine);
        int[] d = EpochPlan.concat(dl4j);
        int first = -1;
        for (int i = 0; i < Math.max(e.length, d.length) && first < 0; i++) {
            if (i >= e.length || i >= d.length || e[i] != d[i]) {
                first = i;
            }
        }
        int start = 0;
        for (int k = 0; k < Math.max(engine.size(), dl4j.size()); k++) {
            int lengthE = k < engine.size() ? engine.get(k).length : 0;
            int lengthD = k < dl4j.size() ? dl4j.get(k).length : 0;
            int end = start + Math.max(lengthE, lengthD);
            int at = first >= start && first < end ? first : lengthE != lengthD ? start + Math.min(lengthE, lengthD) : -1;
            if (at >= 0) {
                return new Divergence(Check.STEP, epoch, k + 1, stepsBefore + k + 1, Quantity.BATCH, null, null, at,
                        at < e.length ? e[at] : -1, at < d.length ? d[at] : -1, Double.POSITIVE_INFINITY, tolerance);
            }
            start = end;
        }
        return null;
    }
}
