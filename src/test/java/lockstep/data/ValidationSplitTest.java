package lockstep.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import java.util.stream.IntStream;
import lockstep.spec.DataSpec;
import lockstep.spec.ValidationSpec;
import org.junit.jupiter.api.Test;

/** The validation hold-out: seeded, disjoint from the training examples, together all of the dataset. */
class ValidationSplitTest {
    private final Dataset iris = Datasets.iris();

    @Test
    void aFractionIsHeldOutDisjointFromTheTrainingExamples() {
        ValidationSplit s = ValidationSplit.holdOut(iris, 0.2, 42);
        assertEquals(30, s.validation().size());
        assertEquals(120, s.training().size());
        int[] all = IntStream.concat(Arrays.stream(s.trainingIndices()), Arrays.stream(s.validationIndices())).sorted().toArray();
        assertArrayEquals(IntStream.range(0, 150).toArray(), all, "disjoint, and together every example once");
        for (int r = 0; r < 30; r++) {
            int e = s.validationIndices()[r];
            assertEquals(iris.classOf(e), s.validation().classOf(r));
            assertEquals(iris.feature(e, 2), s.validation().feature(r, 2));
        }
        assertArrayEquals(IntStream.of(s.trainingIndices()).sorted().toArray(), s.trainingIndices(), "dataset order kept");
    }

    @Test
    void theSeedDecidesTheSplit() {
        assertArrayEquals(ValidationSplit.holdOut(iris, 0.2, 42).validationIndices(),
                ValidationSplit.holdOut(iris, 0.2, 42).validationIndices());
        assertFalse(Arrays.equals(ValidationSplit.holdOut(iris, 0.2, 42).validationIndices(),
                ValidationSplit.holdOut(iris, 0.2, 43).validationIndices()));
    }

    @Test
    void sizesAreRoundedAndKeepAtLeastOneExampleOnEachSide() {
        assertEquals(1, ValidationSplit.holdOut(iris, 0.001, 1).validation().size());
        assertEquals(149, ValidationSplit.holdOut(iris, 0.999, 1).validation().size());
        assertEquals(38, ValidationSplit.holdOut(iris, 0.25, 1).validation().size(), "round(37.5)");
    }

    @Test
    void withoutValidationEverythingTrains() {
        ValidationSplit s = ValidationSplit.of(iris, DataSpec.iris(), null, 42);
        assertEquals(150, s.training().size());
        assertNull(s.validation());
        assertEquals(30, ValidationSplit.of(iris, DataSpec.iris(), ValidationSpec.fraction(0.2), 42).validation().size());
    }
}
