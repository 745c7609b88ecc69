package lockstep.rand;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import lockstep.dl4j.Nd4jRuntime;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterProperty;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.cpu.nativecpu.rng.CpuNativeRandom;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link Nd4jShuffle} against ND4J 1.0.0-M2.1's {@code DataSet.shuffle(long)} itself: a DataSet whose
 * features (DOUBLE, so indices are exact) and labels hold each example's index is shuffled, and every row
 * must hold the example the Java order names.
 */
class Nd4jShuffleParityTest {
    private static final int FEATURES = 3;
    private static final int LABELS = 2;
    private static final AtomicInteger COMPARED = new AtomicInteger();

    static {
        Nd4jRuntime.init();
    }

    @AfterProperty
    void enoughCasesWereCompared() {
        if (COMPARED.get() < 200) {
            throw new AssertionError("only " + COMPARED.get() + " shuffles were compared");
        }
    }

    /** One shuffle equals {@link Nd4jShuffle#order}; the same seed again restores the original order. */
    @Property(tries = 250, seed = "20260413")
    void orderIsTheOneDataSetShuffleMakes(@ForAll @IntRange(min = 0, max = 400) int n, @ForAll("seeds") long seed) {
        DataSet ds = indexed(n);
        ds.shuffle(seed);
        int[] expected = Nd4jShuffle.order(n, seed);
        assertArrayEquals(expected, rows(ds), "n " + n + ", seed " + seed);
        ds.shuffle(seed);
        assertArrayEquals(java.util.stream.IntStream.range(0, n).toArray(), rows(ds), "n " + n + ", seed " + seed + " twice");
        COMPARED.incrementAndGet();
    }

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.oneOf(
                Arbitraries.longs(),
                Arbitraries.longs().between(-1000, 1000),
                Arbitraries.of(0L, 1L, -1L, Long.MAX_VALUE, Long.MIN_VALUE, 0x5DEECE66DL, 1L << 48, -(1L << 48)));
    }

    /**
     * The protocol of a DL4J user: one training DataSet, shuffled in place by {@code shuffle(seed + e)} at the
     * start of epoch e, then {@code batchBy(b)}; epochs 1..5 equal {@link Nd4jShuffle#epochOrder}, cut into
     * consecutive batches.
     */
    @Test
    void epochsComposeInPlaceShuffles() {
        long[] seeds = {12345, -7, Long.MAX_VALUE - 2, 0};
        int[] sizes = {0, 1, 2, 3, 37, 64, 150};
        for (long seed : seeds) {
            for (int n : sizes) {
                DataSet train = indexed(n);
                int[] previous = Nd4jShuffle.epochOrder(n, seed, 0);
                assertArrayEquals(rows(train), previous);
                for (int epoch = 1; epoch <= 5; epoch++) {
                    train.shuffle(seed + epoch);
                    int[] expected = Nd4jShuffle.epochOrder(n, seed, epoch);
                    String what = "n " + n + ", seed " + seed + ", epoch " + epoch;
                    assertArrayEquals(expected, rows(train), what);
                    assertArrayEquals(Nd4jShuffle.compose(previous, Nd4jShuffle.order(n, seed + epoch)), expected, what);
                    assertBatches(train.batchBy(16), expected, 16, what);
                    previous = expected;
                }
            }
        }
    }

    /** batchBy(b) cuts the rows in order into ceil(n/b) batches of b, the last one of the rest. */
    @Test
    void batchByCutsConsecutiveRowsWithASmallerLastBatch() {
        for (int n : new int[] {1, 5, 16, 17, 37, 150}) {
            for (int b : new int[] {1, 4, 16, 200}) {
                DataSet ds = indexed(n);
                ds.shuffle(99 + n);
                assertBatches(ds.batchBy(b), Nd4jShuffle.order(n, 99 + n), b, "n " + n + ", b " + b);
            }
        }
    }

    /** DataSet.shuffle(seed) uses a java.util.Random of its own: ND4J's global generator does not move. */
    @Test
    void shuffleLeavesTheGlobalGeneratorAlone() {
        CpuNativeRandom rng = (CpuNativeRandom) Nd4j.getRandom();
        rng.setSeed(20260413L);
        long root = rng.rootState();
        long node = rng.nodeState();
        for (int n : new int[] {0, 1, 2, 3, 50, 101}) {
            DataSet ds = indexed(n);
            ds.shuffle(7 + n);
            ds.batchBy(8);
            assertEquals(root, rng.rootState(), "root after shuffling " + n);
            assertEquals(node, rng.nodeState(), "node after shuffling " + n);
        }
        double drawn = Nd4j.rand(DataType.DOUBLE, 1, 1).getDouble(0);
        rng.setSeed(20260413L);
        assertEquals(Nd4j.rand(DataType.DOUBLE, 1, 1).getDouble(0), drawn, "the next draw is the one after setSeed");
    }

    private static void assertBatches(List<DataSet> batches, int[] order, int b, String what) {
        int n = order.length;
        assertEquals((n + b - 1) / b, batches.size(), what + ": batches");
        for (int k = 0; k < batches.size(); k++) {
            int[] rows = rows(batches.get(k));
            int from = k * b;
            assertEquals(Math.min(b, n - from), rows.length, what + ": size of batch " + k);
            assertArrayEquals(java.util.Arrays.copyOfRange(order, from, from + rows.length), rows, what + ": batch " + k);
        }
    }

    /** n examples, 'c' order: features [n, 3] = (i, i + 0.5, −i), labels [n, 2] = (i, 1000 + i), DOUBLE. */
    private static DataSet indexed(int n) {
        INDArray f = Nd4j.create(DataType.DOUBLE, new long[] {n, FEATURES}, 'c');
        INDArray l = Nd4j.create(DataType.DOUBLE, new long[] {n, LABELS}, 'c');
        for (int i = 0; i < n; i++) {
            f.putScalar(i, 0, i);
            f.putScalar(i, 1, i + 0.5);
            f.putScalar(i, 2, -i);
            l.putScalar(i, 0, i);
            l.putScalar(i, 1, 1000 + i);
        }
        return new DataSet(f, l);
    }

    /** The example index each row holds, after checking that its features and labels agree. */
    private static int[] rows(DataSet ds) {
        int n = ds.numExamples();
        int[] out = new int[n];
        INDArray f = ds.getFeatures();
        INDArray l = ds.getLabels();
        for (int r = 0; r < n; r++) {
            double i = f.getDouble(r, 0);
            out[r] = (int) i;
            if (out[r] != i || f.getDouble(r, 1) != i + 0.5 || f.getDouble(r, 2) != -i
                    || l.getDouble(r, 0) != i || l.getDouble(r, 1) != 1000 + i) {
                throw new AssertionError("row " + r + " mixes examples: " + f.getRow(r) + " " + l.getRow(r));
            }
        }
        return out;
    }
}
