package lockstep.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import lockstep.data.Batch;
import lockstep.data.Datasets;
import lockstep.engine.train.EarlyStopping;
import lockstep.linalg.DType;
import lockstep.rand.SplitMix64;
import lockstep.spec.ActivationType;
import lockstep.spec.LayerSpec;
import lockstep.spec.LossType;
import lockstep.spec.NetworkSpec;
import lockstep.spec.UpdaterSpec;
import lockstep.spec.UpdaterType;
import lockstep.spec.WeightInit;
import org.deeplearning4j.earlystopping.scorecalc.ScoreCalculator;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;

/**
 * Pins how DL4J 1.0.0-M2.1's EarlyStoppingTrainer decides, by running it for real (a small network, one batch
 * per epoch) with a scripted validation score per evaluation, so that each fact is shown by a sequence chosen
 * for it; then shows that the engine's {@link EarlyStopping} decides as DL4J does on random sequences (ties,
 * NaN, minDelta, evaluateEvery), and that planted off-by-ones in it are caught. DL4J numbers epochs from 0.
 */
class EarlyStoppingSemanticsTest {
    private static final NetworkSpec NET = new NetworkSpec(
            List.of(new LayerSpec(4, 3, ActivationType.TANH), new LayerSpec(3, 3, ActivationType.SOFTMAX)),
            LossType.MCXENT, WeightInit.XAVIER_UNIFORM, new UpdaterSpec(UpdaterType.SGD, 0.1));
    private static final Batch BATCH = Datasets.iris().batch(new int[] {0, 60, 120, 7}, DType.DOUBLE);
    private static final IntFunction<List<Batch>> ONE_BATCH_PER_EPOCH = epoch -> List.of(BATCH);

    /** Hands out the scripted scores in order, one per evaluation. */
    static final class Scripted implements ScoreCalculator<MultiLayerNetwork> {
        private static final long serialVersionUID = 1L;
        private final double[] scores;
        private int next;

        Scripted(double... scores) {
            this.scores = scores;
        }

        @Override
        public double calculateScore(MultiLayerNetwork network) {
            return scores[next++];
        }

        @Override
        public boolean minimizeScore() {
            return true;
        }
    }

    private static Dl4jEarlyStopping.Outcome dl4j(int patience, double minDelta, int maxEpochs, int every, double... scores) {
        MultiLayerNetwork net = new Dl4jTrainer(NET, DType.DOUBLE, 7).network();
        return Dl4jEarlyStopping.run(net, ONE_BATCH_PER_EPOCH, new Scripted(scores), patience, minDelta, maxEpochs, every);
    }

    private static int[] keys(Map<Integer, Double> m) {
        return m.keySet().stream().mapToInt(Integer::intValue).toArray();
    }

    @Test
    void theScoreIsComputedOnlyAtEpochsZeroNTwoN() {
        Dl4jEarlyStopping.Outcome r = dl4j(100, 0, 7, 3, 5, 4, 3);
        assertArrayEquals(new int[] {0, 3, 6}, keys(r.scoreVsEpoch()));
        assertEquals(7, r.totalEpochs());
        assertEquals(Dl4jEarlyStopping.Condition.MAX_EPOCHS, r.condition());
        assertEquals("MaxEpochsTerminationCondition(7)", r.terminationDetails());
        assertEquals("EpochTerminationCondition", r.terminationReason());
    }

    @Test
    void maxEpochsIsOnlyCheckedAtAnEvaluationSoTrainingRunsPastIt() {
        Dl4jEarlyStopping.Outcome r = dl4j(100, 0, 6, 4, 5, 4, 3);
        assertArrayEquals(new int[] {0, 4, 8}, keys(r.scoreVsEpoch()));
        assertEquals(9, r.totalEpochs(), "MaxEpochsTerminationCondition(6) with evaluateEveryNEpochs(4) trains 9 epochs");
        assertEquals(9, r.epochsTrained());
        assertEquals(Dl4jEarlyStopping.Condition.MAX_EPOCHS, r.condition());
    }

    @Test
    void aNewBestMustBeStrictlyBetter() {
        Dl4jEarlyStopping.Outcome r = dl4j(10, 0, 4, 1, 2.0, 1.0, 1.0, 1.0);
        assertEquals(1, r.bestModelEpoch(), "the ties at epochs 2 and 3 do not replace epoch 1");
    }

    @Test
    void trainingStopsWhenTheEpochReachesTheBestEpochPlusPatience() {
        Dl4jEarlyStopping.Outcome r = dl4j(2, 0, 100, 1, 1.0, 0.9, 0.95, 0.95, 0.95, 0.95);
        assertEquals(1, r.bestModelEpoch());
        assertArrayEquals(new int[] {0, 1, 2, 3}, keys(r.scoreVsEpoch()), "stops after epoch 3 = 1 + 2");
        assertEquals(4, r.totalEpochs(), "totalEpochs is the last epoch + 1");
        assertEquals(Dl4jEarlyStopping.Condition.SCORE_IMPROVEMENT, r.condition());
        assertEquals("ScoreImprovementEpochTerminationCondition(maxEpochsWithNoImprovement=2, minImprovement=0.0)",
                r.terminationDetails());
        Dl4jEarlyStopping.Outcome zero = dl4j(0, 0, 100, 1, 1.0, 1.1, 0.5);
        assertEquals(2, zero.totalEpochs(), "patience 0 stops at the first evaluation without improvement");
    }

    @Test
    void getBestModelScoreReadsZeroWithAnInMemoryModelSaver() {
        Dl4jEarlyStopping.Outcome r = dl4j(2, 0, 100, 1, 1.0, 0.9, 0.95, 0.95);
        assertEquals(0.0, r.bestModelScore(), "the saver's clone() has never been scored");
        assertEquals(0.9, r.scoreVsEpoch().get(r.bestModelEpoch()), "the real best score is in getScoreVsEpoch()");
    }

    @Test
    void minDeltaMovesOnlyThePatienceRecordNotTheBestModel() {
        Dl4jEarlyStopping.Outcome r = dl4j(2, 0.05, 100, 1, 1.0, 0.99, 0.98, 0.97);
        assertEquals(3, r.totalEpochs(), "no improvement of more than 0.05 since epoch 0: stops after epoch 2");
        assertEquals(2, r.bestModelEpoch(), "but the best model is epoch 2's, strictly the lowest score");
    }

    @Test
    void theFirstConditionListedWinsWhenBothFire() {
        Dl4jEarlyStopping.Outcome r = dl4j(1, 0, 2, 1, 1.0, 1.0);
        assertEquals(2, r.totalEpochs());
        assertEquals(Dl4jEarlyStopping.Condition.MAX_EPOCHS, r.condition(), "MaxEpochs is listed first");
    }

    @Test
    void aNaNAtTheFirstEvaluationStaysTheBestModel() {
        Dl4jEarlyStopping.Outcome r = dl4j(2, 0, 100, 1, Double.NaN, 1.0, 0.5, 0.4);
        assertEquals(0, r.bestModelEpoch(), "an invalid first score is saved, and no score is < NaN");
        assertEquals(3, r.totalEpochs(), "and no improvement on NaN is counted: stops after epoch 2");
    }

    @Test
    void theBestModelIsACopyOfTheParametersAtItsEpoch() {
        MultiLayerNetwork net = new Dl4jTrainer(NET, DType.DOUBLE, 7).network();
        Dl4jEarlyStopping.Outcome last = Dl4jEarlyStopping.run(net, ONE_BATCH_PER_EPOCH, new Scripted(3, 2, 1), 5, 0, 3, 1);
        Map<String, double[]> trained = Dl4jEarlyStopping.parameters(net);
        assertEquals(2, last.bestModelEpoch());
        trained.forEach((k, v) -> assertArrayEquals(v, last.bestParameters().get(k), k));
        MultiLayerNetwork net2 = new Dl4jTrainer(NET, DType.DOUBLE, 7).network();
        Dl4jEarlyStopping.Outcome first = Dl4jEarlyStopping.run(net2, ONE_BATCH_PER_EPOCH, new Scripted(1, 2, 3), 5, 0, 3, 1);
        assertEquals(0, first.bestModelEpoch());
        assertFalse(java.util.Arrays.equals(Dl4jEarlyStopping.parameters(net2).get("0_W"), first.bestParameters().get("0_W")),
                "training went on after the best epoch; the saved copy did not follow");
    }

    // ---- the engine's EarlyStopping decides as DL4J does ----

    private record Case(int patience, double minDelta, int maxEpochs, int every, double[] scores) {
    }

    /** Random sequences from a coarse grid (ties are common), sometimes with NaN, and random settings. */
    private static List<Case> randomCases(int n) {
        SplitMix64 rng = SplitMix64.stream(2024, 0xE5L);
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int maxEpochs = 1 + rng.nextInt(12);
            int every = 1 + rng.nextInt(3);
            double[] scores = new double[maxEpochs + every + 1];
            double level = 1.0;
            for (int k = 0; k < scores.length; k++) {
                level += (rng.nextInt(5) - 3) * 0.05;      // steps of 0.05, mostly down, sometimes flat or up
                scores[k] = rng.nextInt(25) == 0 ? Double.NaN : Math.round(level * 100) / 100.0;
            }
            cases.add(new Case(rng.nextInt(4), rng.nextInt(2) == 0 ? 0.0 : 0.05, maxEpochs, every, scores));
        }
        return cases;
    }

    /** The engine's decisions on a scripted sequence, written like DL4J's outcome (0-based epochs) for comparison. */
    private static String engine(EarlyStopping es, Case c) {
        int[] next = {0};
        int epoch = 0;
        while (!es.afterEpoch(++epoch, () -> c.scores()[next[0]++], LinkedHashMap::new)) {
            // train the next epoch
        }
        Map<Integer, Double> scores = new LinkedHashMap<>();
        es.scores().forEach((e, s) -> scores.put(e - 1, s));
        return "evaluated " + scores + " best " + (es.bestEpoch() - 1) + " total " + es.stoppedAfter() + " "
                + (es.reason() == EarlyStopping.Reason.MAX_EPOCHS ? "MAX_EPOCHS" : "SCORE_IMPROVEMENT");
    }

    private static String dl4j(Case c) {
        Dl4jEarlyStopping.Outcome r = dl4j(c.patience(), c.minDelta(), c.maxEpochs(), c.every(), c.scores());
        return "evaluated " + r.scoreVsEpoch() + " best " + r.bestModelEpoch() + " total " + r.totalEpochs() + " " + r.condition();
    }

    private static EarlyStopping.Config config(Case c) {
        return new EarlyStopping.Config(c.patience(), c.minDelta(), c.maxEpochs(), c.every());
    }

    @Test
    void theEnginesEarlyStoppingDecidesAsDl4jDoes() {
        List<Case> cases = randomCases(60);
        List<String> dl4j = cases.stream().map(EarlyStoppingSemanticsTest::dl4j).toList();
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            assertEquals(dl4j.get(i), engine(new EarlyStopping(config(c)), c), c.toString() + java.util.Arrays.toString(c.scores()));
        }
        // the twins: a non-strict "new best" and an off-by-one patience are each caught on these sequences
        int strictCaught = 0;
        int patienceCaught = 0;
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            EarlyStopping nonStrict = new EarlyStopping(config(c)) {
                @Override
                protected boolean isNewBest(double score) {
                    return score <= bestScore();
                }
            };
            EarlyStopping offByOne = new EarlyStopping(config(c)) {
                private int record = -1;
                private double recordScore;

                @Override
                protected boolean patienceExhausted(int epoch, double score) {
                    if (record == -1 || recordScore - score > config().minDelta()) {
                        record = epoch;
                        recordScore = score;
                        return false;
                    }
                    return epoch > record + config().patience();        // the planted bug: > instead of >=
                }
            };
            strictCaught += dl4j.get(i).equals(engine(nonStrict, c)) ? 0 : 1;
            patienceCaught += dl4j.get(i).equals(engine(offByOne, c)) ? 0 : 1;
        }
        assertTrue(strictCaught > 0, "a non-strict new best is caught");
        assertTrue(patienceCaught > 0, "an off-by-one patience is caught");
    }
}
