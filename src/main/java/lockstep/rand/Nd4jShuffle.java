package lockstep.rand;

import java.util.Random;

/**
 * The order of examples after ND4J 1.0.0-M2.1's {@code DataSet.shuffle(long seed)} (CPU backend), in Java.
 * {@code Nd4jShuffleParityTest} pins every fact below against the M2.1 binary.
 * <ul>
 * <li>{@code DataSet.shuffle(seed)} returns at once when {@code numExamples() < 2}; otherwise it calls
 * {@code Nd4j.shuffle([features, labels, masks if set], new java.util.Random(seed), dims 1..rank-1)}.
 * It draws nothing from ND4J's global generator {@code Nd4j.getRandom()}, so dropout masks do not move.</li>
 * <li>{@code CpuNDArrayFactory.shuffle(List, Random, List<int[]>)} builds one map for all arrays,
 * {@code ArrayUtil.buildInterleavedVector(rnd, n)}: the odd indices 1, 3, ... in a list shuffled by
 * {@code Collections.shuffle(list, rnd)} (for i = size down to 2: swap i−1 with {@code rnd.nextInt(i)}),
 * handed out in turn to the even rows 0, 2, ...; every other entry is −1. For odd n, one more draw,
 * 2·{@code rnd.nextInt(n/2)}, picks an even row whose entry is exchanged with the last (even) row's −1.</li>
 * <li>libnd4j's {@code shuffleGeneric} ({@code libnd4j/include/legacy/cpu/NativeOps.cpp}) then, for r = 0..n−1
 * with map[r] ≥ 0, swaps rows r and map[r] in place, in each array alike.</li>
 * </ul>
 * The swaps are disjoint even/odd pairs, so the order is an involution, not a uniform permutation: for even n
 * every example moves to a row of the other parity, and shuffling again with the same seed restores the
 * original order. A DataSet shuffled in place again keeps composing: see {@link #compose} and
 * {@link #epochOrder}.
 */
public final class Nd4jShuffle {
    private Nd4jShuffle() {
    }

    /**
     * After {@code ds.shuffle(seed)} on a DataSet of n examples, row r holds original example
     * {@code order[r]}. n &lt; 2: the identity (DataSet.shuffle does nothing).
     */
    public static int[] order(int n, long seed) {
        int[] rows = identity(n);
        if (n < 2) {
            return rows;
        }
        int[] map = interleavedMap(n, new Random(seed));
        for (int r = 0; r < n; r++) {
            if (map[r] >= 0) {
                int t = rows[r];
                rows[r] = rows[map[r]];
                rows[map[r]] = t;
            }
        }
        return rows;
    }

    /**
     * The order after shuffling in place a DataSet whose row r held example {@code current[r]} with a
     * shuffle of order {@code next}: row r then holds {@code current[next[r]]}.
     */
    public static int[] compose(int[] current, int[] next) {
        if (current.length != next.length) {
            throw new IllegalArgumentException("orders of " + current.length + " and " + next.length + " examples");
        }
        int[] out = new int[next.length];
        for (int r = 0; r < next.length; r++) {
            out[r] = current[next[r]];
        }
        return out;
    }

    /**
     * The example order in epoch {@code epoch} (1-based; 0 is the order before any shuffle) when one DataSet
     * is shuffled in place by {@code train.shuffle(seed + e)} at the start of every epoch e = 1, 2, ...:
     * the composition of {@code order(n, seed + e)} for e = 1..epoch ({@code seed + e} wraps as a long).
     * {@code train.batchBy(b)} then cuts this order into consecutive batches of b, the last one smaller.
     */
    public static int[] epochOrder(int n, long seed, int epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch " + epoch);
        }
        int[] order = identity(n);
        for (int e = 1; e <= epoch; e++) {
            order = compose(order, order(n, seed + e));
        }
        return order;
    }

    /** ArrayUtil.buildInterleavedVector(rnd, n), with the JDK 17 Collections.shuffle it calls written out. */
    private static int[] interleavedMap(int n, Random rnd) {
        int pairs = n / 2;
        int[] odds = new int[pairs];
        for (int k = 0; k < pairs; k++) {
            odds[k] = 2 * k + 1;
        }
        for (int i = pairs; i > 1; i--) {
            int j = rnd.nextInt(i);
            int t = odds[i - 1];
            odds[i - 1] = odds[j];
            odds[j] = t;
        }
        int[] map = new int[n];
        int next = 0;
        for (int i = 0; i < n; i++) {
            map[i] = i % 2 == 0 && next < pairs ? odds[next++] : -1;
        }
        if (n % 2 != 0) {
            int idx = 2 * rnd.nextInt(pairs);
            int t = map[idx];
            map[idx] = map[n - 1];
            map[n - 1] = t;
        }
        return map;
    }

    private static int[] identity(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n " + n);
        }
        int[] rows = new int[n];
        for (int r = 0; r < n; r++) {
            rows[r] = r;
        }
        return rows;
    }
}
