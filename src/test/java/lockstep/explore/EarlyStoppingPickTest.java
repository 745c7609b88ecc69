package lockstep.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import lockstep.engine.train.EarlyStopping;
import org.junit.jupiter.api.Test;

/** The epoch the explore page's readout shows, against cases worked by hand. */
class EarlyStoppingPickTest {

    @Test
    void patienceCountsFromTheLastImprovement() {
        // epoch:           1    2    3    4     5     6     7     8
        double[] loss = {1.0, 0.8, 0.7, 0.75, 0.72, 0.71, 0.69, 0.74};
        // best so far: 1 (1.0), 2 (0.8), 3 (0.7); epochs 4, 5, 6 do not beat 0.7, and 6 >= 3 + patience 3: stop after 6,
        // so the 0.69 of epoch 7 is never seen and epoch 3 is kept
        EarlyStoppingPick p = EarlyStoppingPick.of(loss, new EarlyStopping.Config(3, 0.0, 8, 1));
        assertEquals(3, p.bestEpoch());
        assertEquals(6, p.stoppedAfter());
        assertEquals("no improvement since epoch 3 (patience 3)", p.reason());
    }

    @Test
    void minDeltaDecidesWhatCountsAsAnImprovementButNotWhichEpochIsBest() {
        double[] loss = {1.0, 0.99, 0.985, 0.98, 0.5};
        // with minDelta 0.05: epochs 2-4 improve by at most 0.02 over epoch 1's record, so after epoch 3 (>= 1 + 2) it
        // stops; the best is still the strictly lowest seen, epoch 3 (0.985)
        EarlyStoppingPick p = EarlyStoppingPick.of(loss, new EarlyStopping.Config(2, 0.05, 5, 1));
        assertEquals(3, p.bestEpoch());
        assertEquals(3, p.stoppedAfter());
    }

    @Test
    void aRunThatKeepsImprovingStopsAtItsLastEpochAndKeepsIt() {
        double[] loss = {1.0, 0.9, 0.8};
        EarlyStoppingPick p = EarlyStoppingPick.of(loss, new EarlyStopping.Config(5, 0.0, 3, 1));
        assertEquals(3, p.bestEpoch());
        assertEquals(3, p.stoppedAfter());
        assertEquals("the maximum of 3 epochs was reached", p.reason());
    }

    @Test
    void aNanFirstEvaluationStaysTheBestAsInDl4j() {
        EarlyStoppingPick p = EarlyStoppingPick.of(new double[] {Double.NaN, Double.NaN, Double.NaN},
                new EarlyStopping.Config(2, 0.0, 3, 1));
        assertEquals(1, p.bestEpoch());
    }
}
