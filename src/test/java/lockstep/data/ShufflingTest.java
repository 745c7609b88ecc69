package lockstep.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShufflingTest {

    @Test
    void eachEpochIsAPermutationThatTheSeedDetermines() {
        SeededShuffler s = new SeededShuffler(42);
        int[] e1 = s.order(150, 1);
        int[] sorted = e1.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < 150; i++) {
            assertEquals(i, sorted[i]);
        }
        assertArrayEquals(e1, new SeededShuffler(42).order(150, 1), "same seed, same order");
        assertFalse(Arrays.equals(e1, s.order(150, 2)), "a new order every epoch");
        assertFalse(Arrays.equals(e1, new SeededShuffler(43).order(150, 1)), "another seed, another order");
    }

    @Test
    void batchesAreCeilNOverBWithAPartialLastOne() {
        int[] order = new int[150];
        for (int i = 0; i < 150; i++) {
            order[i] = i;
        }
        List<int[]> batches = EpochPlan.batches(order, 16);
        assertEquals(10, batches.size());
        assertEquals(10, EpochPlan.stepsPerEpoch(150, 16));
        assertEquals(6, batches.get(9).length);
        assertArrayEquals(new int[] {144, 145, 146, 147, 148, 149}, batches.get(9));
        assertEquals(391, EpochPlan.stepsPerEpoch(50_000, 128));
    }

    @Test
    void droppingTheLastBatchLeavesFloorNOverBFullBatches() {
        int[] order = Shuffler.IDENTITY.order(150, 1);
        List<int[]> batches = EpochPlan.batches(order, 16, true);
        assertEquals(9, batches.size());
        assertEquals(9, EpochPlan.stepsPerEpoch(150, 16, true));
        assertEquals(144, EpochPlan.examplesPerEpoch(150, 16, true));
        assertArrayEquals(new int[] {128, 129, 130, 131, 132, 133, 134, 135, 136, 137, 138, 139, 140, 141, 142, 143},
                batches.get(8));
        assertEquals(390, EpochPlan.stepsPerEpoch(50_000, 128, true));
        assertEquals(10, EpochPlan.batches(order, 15, true).size(), "nothing is dropped when B divides n");
        assertEquals(0, EpochPlan.batches(order, 151, true).size());
        assertEquals("150 examples, batch 16: 10 steps per epoch (9 of 16, the last of 6)", EpochPlan.describe(150, 16, false));
        assertEquals("150 examples, batch 16: 9 steps per epoch (the last 6 examples of each epoch's order dropped)",
                EpochPlan.describe(150, 16, true));
        assertEquals("150 examples, batch 15: 10 steps per epoch", EpochPlan.describe(150, 15, false));
    }

    @Test
    void withoutShufflingEveryEpochIsDatasetOrder() {
        for (int epoch = 1; epoch <= 3; epoch++) {
            assertArrayEquals(new int[] {0, 1, 2, 3, 4}, Shuffler.IDENTITY.order(5, epoch));
        }
    }

    /** Asked epoch by epoch, out of turn, or for another size: the order is always the one computed afresh. */
    @Test
    void theKeptOrderIsTheFreshOne() {
        SeededShuffler s = new SeededShuffler(99);
        int[][] asks = {{150, 1}, {150, 2}, {150, 3}, {150, 3}, {150, 1}, {37, 4}, {37, 5}, {150, 5}};
        for (int[] a : asks) {
            assertArrayEquals(lockstep.rand.Nd4jShuffle.epochOrder(a[0], 99, a[1]), s.order(a[0], a[1]), "n " + a[0] + " epoch " + a[1]);
        }
    }
}
