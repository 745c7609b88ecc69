package lockstep.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The engine's early stopping fed a given sequence of validation losses, each case worked out by hand from the
 * rules DL4J's EarlyStoppingTrainer follows (the class javadoc; EarlyStoppingSemanticsTest pins each rule on DL4J
 * itself). Losses are dyadic fractions, so "improvement &gt; minDelta" is decided exactly.
 */
class EarlyStoppingTest {

    /** Feeds losses[e-1] after epoch e until it stops (or the losses run out); returns the epochs it evaluated. */
    private static List<Integer> feed(EarlyStopping es, double... losses) {
        List<Integer> evaluated = new ArrayList<>();
        for (int epoch = 1; epoch <= losses.length && !es.stopped(); epoch++) {
            int e = epoch;
            boolean stop = es.afterEpoch(epoch, () -> {
                evaluated.add(e);
                return losses[e - 1];
            }, () -> Map.of("0_W", new double[] {e}));
            assertEquals(es.stopped(), stop, "afterEpoch(" + epoch + ") says stop exactly when it stopped");
            assertEquals(stop ? epoch : -1, es.stoppedAfter());
        }
        return evaluated;
    }

    @Test
    void beforeTheFirstEvaluationNothingIsKnown() {
        EarlyStopping.Config config = new EarlyStopping.Config(2, 0.0, 10, 1);
        EarlyStopping es = new EarlyStopping(config);
        assertEquals(config, es.config());
        assertFalse(es.stopped());
        assertNull(es.reason());
        assertEquals(-1, es.stoppedAfter());
        assertEquals(-1, es.bestEpoch());
        assertEquals(-1, es.patienceEpoch());
        assertEquals(Double.MAX_VALUE, es.bestScore());
        assertNull(es.bestParameters());
        assertEquals("not stopped", es.describeReason());
        assertEquals(Map.of(), es.scores());
    }

    @Test
    void onlyEpochsOneNPlusOneAndSoOnAreEvaluated() {
        EarlyStopping es = new EarlyStopping(new EarlyStopping.Config(100, 0.0, 100, 3));
        for (int epoch = 1; epoch <= 10; epoch++) {
            assertEquals(epoch == 1 || epoch == 4 || epoch == 7 || epoch == 10, es.evaluates(epoch), "epoch " + epoch);
        }
        // an epoch that is not evaluated neither asks for the loss nor stops
        assertEquals(List.of(1, 4, 7), feed(es, 1.0, 9, 9, 0.5, 9, 9, 0.25));
        assertEquals(List.of(1, 4, 7), List.copyOf(es.scores().keySet()));
        assertEquals(0.25, es.scores().get(7));
        assertEquals(7, es.bestEpoch());
        assertFalse(es.stopped());
    }

    @Test
    void patienceStopsExactlyPatienceEpochsAfterTheLastImprovement() {
        // epoch 1 sets the record; 2 improves (0.5 < 1); 3 and 4 do not; 4 >= 2 + 2: stop after 4
        EarlyStopping es = new EarlyStopping(new EarlyStopping.Config(2, 0.0, 100, 1));
        assertEquals(List.of(1, 2, 3, 4), feed(es, 1.0, 0.5, 0.5, 0.75, 0.125));
        assertTrue(es.stopped());
        assertEquals(EarlyStopping.Reason.NO_IMPROVEMENT, es.reason());
        assertEquals("no improvement", es.reason().description());
        assertEquals(4, es.stoppedAfter());
        assertEquals(2, es.bestEpoch(), "a tie (epoch 3) keeps the earlier epoch");
        assertEquals(0.5, es.bestScore());
        assertEquals(2, es.patienceEpoch());
        assertArrayEquals(new double[] {2}, es.bestParameters().get("0_W"));
        assertEquals("no improvement since epoch 2 (patience 2)", es.describeReason());
    }

    @Test
    void anImprovementOfExactlyMinDeltaDoesNotResetPatienceButStillGivesANewBest() {
        // record 1.0 at epoch 1; 0.75 improves by 0.25 = minDelta (not more): the record stays, but epoch 2 is the
        // best; 0.875 improves on the record by 0.125 only, and epoch 3 >= 1 + 2 stops
        EarlyStopping es = new EarlyStopping(new EarlyStopping.Config(2, 0.25, 100, 1));
        feed(es, 1.0, 0.75, 0.875);
        assertEquals(3, es.stoppedAfter());
        assertEquals(1, es.patienceEpoch());
        assertEquals(2, es.bestEpoch());
        assertEquals(0.75, es.bestScore());
        assertEquals("no improvement of more than 0.25 since epoch 1 (patience 2)", es.describeReason());

        EarlyStopping more = new EarlyStopping(new EarlyStopping.Config(2, 0.25, 100, 1));
        feed(more, 1.0, 0.5, 0.5, 0.5, 0.5);       // 0.5 improves by more than 0.25: the record moves to epoch 2
        assertEquals(2, more.patienceEpoch());
        assertEquals(4, more.stoppedAfter());
    }

    @Test
    void maxEpochsIsCheckedFirstAndOnlyOnEvaluatedEpochs() {
        EarlyStopping exact = new EarlyStopping(new EarlyStopping.Config(1, 0.0, 3, 1));
        feed(exact, 1.0, 0.5, 0.25, 0.125);        // improving every epoch: only the maximum stops it, after 3
        assertEquals(EarlyStopping.Reason.MAX_EPOCHS, exact.reason());
        assertEquals(3, exact.stoppedAfter());
        assertEquals(3, exact.bestEpoch());
        assertEquals("the maximum of 3 epochs was reached", exact.describeReason());
        assertEquals("the maximum number of epochs was reached", exact.reason().description());

        EarlyStopping both = new EarlyStopping(new EarlyStopping.Config(1, 0.0, 2, 1));
        feed(both, 1.0, 2.0);                      // epoch 2 both exhausts patience and reaches the maximum
        assertEquals(EarlyStopping.Reason.MAX_EPOCHS, both.reason());

        EarlyStopping past = new EarlyStopping(new EarlyStopping.Config(100, 0.0, 2, 2));
        assertEquals(List.of(1, 3), feed(past, 1.0, 0.5, 0.25, 0.125));
        assertEquals(3, past.stoppedAfter());
        assertEquals("the maximum of 2 epochs was reached at the first evaluation after it (it is checked only when the"
                + " validation loss is computed: 1 epoch past it)", past.describeReason());

        EarlyStopping further = new EarlyStopping(new EarlyStopping.Config(100, 0.0, 2, 3));
        feed(further, 1.0, 1.0, 1.0, 0.5);
        assertEquals(4, further.stoppedAfter());
        assertTrue(further.describeReason().endsWith(": 2 epochs past it)"), further.describeReason());
    }

    @Test
    void anInvalidFirstLossBecomesTheBestAndANanStaysIt() {
        EarlyStopping nan = new EarlyStopping(new EarlyStopping.Config(100, 0.0, 100, 1));
        feed(nan, Double.NaN, 0.5, 0.25);
        assertEquals(1, nan.bestEpoch());
        assertTrue(Double.isNaN(nan.bestScore()));
        assertArrayEquals(new double[] {1}, nan.bestParameters().get("0_W"));

        EarlyStopping inf = new EarlyStopping(new EarlyStopping.Config(100, 0.0, 100, 1));
        feed(inf, Double.POSITIVE_INFINITY);
        assertEquals(1, inf.bestEpoch(), "an infinite first loss is the best so far");
        assertFalse(inf.afterEpoch(2, () -> 0.5, () -> Map.of("0_W", new double[] {2})));
        assertEquals(2, inf.bestEpoch(), "anything finite is below +inf");

        EarlyStopping huge = new EarlyStopping(new EarlyStopping.Config(100, 0.0, 100, 1));
        feed(huge, Double.MAX_VALUE, Double.MAX_VALUE);
        assertEquals(-1, huge.bestEpoch(), "the largest finite loss is valid but never below the start, Double.MAX_VALUE");

        EarlyStopping later = new EarlyStopping(new EarlyStopping.Config(100, 0.0, 100, 1));
        feed(later, 0.5, Double.NaN, Double.POSITIVE_INFINITY);
        assertEquals(1, later.bestEpoch(), "an invalid loss after the first evaluation is never the best");
    }

    @Test
    void theBestParametersAreACopyTakenOnlyOnANewBest() {
        EarlyStopping es = new EarlyStopping(new EarlyStopping.Config(100, 0.0, 100, 1));
        double[] live = {1, 2};
        Map<String, double[]> params = new LinkedHashMap<>();
        params.put("0_W", live);
        int[] asked = {0};
        double[] losses = {1.0, 2.0, 0.5};
        for (int epoch = 1; epoch <= 3; epoch++) {
            double loss = losses[epoch - 1];
            live[0] = 10 * epoch;
            assertFalse(es.afterEpoch(epoch, () -> loss, () -> {
                asked[0]++;
                return params;
            }));
        }
        assertEquals(2, asked[0], "asked after epochs 1 and 3, not after the worse epoch 2");
        live[0] = -1;
        Map<String, double[]> best = es.bestParameters();
        assertArrayEquals(new double[] {30, 2}, best.get("0_W"));
        best.get("0_W")[0] = -2;
        assertNotSame(best.get("0_W"), es.bestParameters().get("0_W"));
        assertArrayEquals(new double[] {30, 2}, es.bestParameters().get("0_W"), "a caller's change does not reach it");
        assertThrows(UnsupportedOperationException.class, () -> es.scores().put(9, 0.0));
    }

    @Test
    void afterStoppingItRefusesAnotherEpoch() {
        EarlyStopping es = new EarlyStopping(new EarlyStopping.Config(1, 0.0, 100, 1));
        feed(es, 1.0, 1.0);
        assertEquals(2, es.stoppedAfter());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> es.afterEpoch(3, () -> 0.0, Map::of));
        assertEquals("training already stopped after epoch 2", e.getMessage());
    }
}
