package lockstep.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashSet;
import java.util.Set;
import lockstep.LockstepException;
import org.junit.jupiter.api.Test;

class TrainTestSplitTest {

    /** A row's identity: Iris has duplicate rows, so compare multisets of (features, class). */
    private static String row(Dataset d, int e) {
        StringBuilder s = new StringBuilder();
        for (int c = 0; c < d.featureCount(); c++) {
            s.append(d.feature(e, c)).append(',');
        }
        return s.append(d.classOf(e)).toString();
    }

    @Test
    void irisSplitsEightyTwentyIntoDisjointPartsThatTogetherAreTheWhole() {
        Dataset iris = Datasets.iris();
        TrainTestSplit split = TrainTestSplit.holdOut(iris, 0.2, 42);
        assertEquals(120, split.train().size());
        assertEquals(30, split.test().size());
        java.util.List<String> all = new java.util.ArrayList<>();
        for (int e = 0; e < iris.size(); e++) {
            all.add(row(iris, e));
        }
        java.util.List<String> parts = new java.util.ArrayList<>();
        for (Dataset d : new Dataset[] {split.train(), split.test()}) {
            for (int e = 0; e < d.size(); e++) {
                parts.add(row(d, e));
            }
        }
        java.util.Collections.sort(all);
        java.util.Collections.sort(parts);
        assertEquals(all, parts);
    }

    @Test
    void theSameSeedGivesTheSameSplitAndAnotherSeedAnother() {
        Dataset iris = Datasets.iris();
        Set<String> a = testRows(TrainTestSplit.holdOut(iris, 0.2, 7));
        assertEquals(a, testRows(TrainTestSplit.holdOut(iris, 0.2, 7)));
        assertNotEquals(a, testRows(TrainTestSplit.holdOut(iris, 0.2, 8)));
    }

    private static Set<String> testRows(TrainTestSplit s) {
        Set<String> rows = new HashSet<>();
        for (int e = 0; e < s.test().size(); e++) {
            rows.add(e + ":" + row(s.test(), e));
        }
        return rows;
    }

    @Test
    void oneExampleCannotBeSplit() {
        Dataset one = new Dataset("one", new double[] {1}, 1, new int[] {0}, 2);
        assertThrows(LockstepException.class, () -> TrainTestSplit.holdOut(one, 0.2, 1));
    }
}
