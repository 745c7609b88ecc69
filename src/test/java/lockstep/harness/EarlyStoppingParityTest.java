package lockstep.harness;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lockstep.comparison.TolerancePolicy;
import lockstep.dl4j.Dl4jEarlyStopping;
import lockstep.engine.train.EarlyStopping;
import lockstep.linalg.DType;
import lockstep.report.ParityReport;
import lockstep.spec.EarlyStoppingSpec;
import lockstep.spec.RunSpec;
import lockstep.spec.SpecJson;
import lockstep.spec.TrainingSpec;
import lockstep.spec.ValidationSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine's early stopping against DL4J's EarlyStoppingTrainer in lockstep runs on Iris (the per-fact pins of
 * DL4J's trainer are in lockstep.dl4j.EarlyStoppingSemanticsTest), and the comparison's verdicts on doctored outcomes.
 */
class EarlyStoppingParityTest {

    private static RunSpec iris(int maxEpochs, EarlyStoppingSpec es) {
        TrainingSpec t = RunSpec.irisDefault().training().withEpochs(maxEpochs).withBatchSize(40)
                .withValidation(ValidationSpec.fraction(0.2)).withEarlyStopping(es);
        return RunSpec.irisDefault().withTraining(t);
    }

    private static LockstepResult run(RunSpec spec) {
        LockstepResult r = LockstepRun.of(spec).run(e -> { });
        assertTrue(r.passed(), () -> ParityReport.verdictLine(r));
        return r;
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void bothSidesStopAfterTheSameEpochWithTheSameBestModel(DType dtype) {
        RunSpec base = iris(100, new EarlyStoppingSpec(3, 0.01));
        LockstepResult r = run(base.withTraining(base.training().withDataType(dtype)));
        EarlyStoppingComparison c = r.earlyStopping();
        EarlyStopping engine = c.engine();
        assertEquals(EarlyStopping.Reason.NO_IMPROVEMENT, engine.reason());
        assertTrue(engine.stoppedAfter() < 100 && engine.bestEpoch() < engine.stoppedAfter());
        assertEquals(engine.stoppedAfter(), r.epochs().size(), "the lockstep run trained as long as the engine's early stopping said");
        assertEquals(engine.stoppedAfter(), c.dl4j().totalEpochs());
        assertEquals(engine.bestEpoch(), c.dl4j().bestModelEpoch() + 1, "DL4J counts epochs from 0");
        assertEquals(engine.stoppedAfter(), c.rows().size(), "validated after every epoch");
        assertEquals(0.0, c.dl4j().bestModelScore(), "getBestModelScore() reads 0.0 with the InMemoryModelSaver");
        for (EarlyStoppingComparison.Row row : c.rows()) {
            assertTrue(row.stepError() <= TolerancePolicy.defaultFor(dtype).step().relative(), row.toString());
            assertEquals(r.epochs().get(row.epoch() - 1).validation().dl4jLoss(), row.dl4jScore(),
                    dtype == DType.DOUBLE ? 1e-15 : 1e-7, "the trainer's score is the lockstep run's DL4J validation loss");
        }
        if (dtype == DType.DOUBLE) {
            assertTrue(c.bestParameterStepError() == 0.0 && c.bestParameterDrift() < 1e-10);
        }
        assertTrue(c.passed(), "the comparison of the two early stoppings passes");
    }

    @Test
    void withMinDeltaTheBestEpochCanComeAfterTheEpochPatienceCountsFrom() {
        RunSpec example = SpecJson.read(java.nio.file.Path.of("examples/iris-early-stopping.json"));   // Adam, dropout, L2
        // seed 43: an epoch that improves by less than minDelta and is still the best (the engine's trajectory: any CPU)
        RunSpec spec = example.withTraining(example.training().withSeed(43));
        LockstepResult r = run(spec);
        EarlyStopping engine = r.earlyStopping().engine();
        assertTrue(engine.bestEpoch() > engine.patienceEpoch(), () -> "best " + engine.bestEpoch() + ", patience from "
                + engine.patienceEpoch());
        assertEquals(engine.patienceEpoch() + 3, engine.stoppedAfter());
        assertEquals(engine.bestEpoch(), r.earlyStopping().dl4jBestEpoch());
    }

    @Test
    void withEvaluateEveryNBothSidesTrainPastTheMaximumToTheNextEvaluation() {
        LockstepResult r = run(iris(10, new EarlyStoppingSpec(3, 0.0, 4)));
        EarlyStoppingComparison c = r.earlyStopping();
        assertEquals(List.of(1, 5, 9, 13), c.rows().stream().map(EarlyStoppingComparison.Row::epoch).toList());
        assertEquals(13, r.epochs().size());
        assertEquals(13, c.dl4j().totalEpochs());
        assertEquals(EarlyStopping.Reason.MAX_EPOCHS, c.engine().reason());
        assertEquals(Dl4jEarlyStopping.Condition.MAX_EPOCHS, c.dl4j().condition());
        assertTrue(c.engine().describeReason().contains("3 epochs past it"), c.engine().describeReason());
    }

    // ---- the comparison's verdicts on doctored DL4J outcomes (no DL4J needed) ----

    private static EarlyStopping engineWith(double... scores) {
        EarlyStopping es = new EarlyStopping(new EarlyStopping.Config(1, 0, 10, 1));
        int epoch = 0;
        while (!es.afterEpoch(++epoch, () -> scores[es.scores().size()], () -> Map.of("0_W", new double[] {0.5, es.scores().size()}))) {
            // next epoch
        }
        return es;
    }

    private static Map<Integer, Double> byEpoch(double... scores) {
        Map<Integer, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < scores.length; i++) {
            m.put(i + 1, scores[i]);
        }
        return m;
    }

    private static Dl4jEarlyStopping.Outcome dl4j(Map<Integer, Double> zeroBased, int best, int total,
                                                  Dl4jEarlyStopping.Condition c, double[] bestW) {
        return new Dl4jEarlyStopping.Outcome(zeroBased, best, 0.0, total, "EpochTerminationCondition", c.name(), c,
                Map.of("0_W", bestW), total);
    }

    @Test
    void theComparisonNamesWhatDisagreesFirst() {
        EarlyStopping engine = engineWith(1.0, 0.5, 0.7);          // best epoch 2, stops after 3 (patience 1)
        assertEquals(2, engine.bestEpoch());
        assertEquals(3, engine.stoppedAfter());
        Map<Integer, Double> anchored = byEpoch(1.0, 0.5, 0.7);
        Map<String, double[]> atBest = Map.of("0_W", new double[] {0.5, 2});
        Map<Integer, Double> dl4jScores = Map.of(0, 1.0, 1, 0.5, 2, 0.7);
        Dl4jEarlyStopping.Condition si = Dl4jEarlyStopping.Condition.SCORE_IMPROVEMENT;
        TolerancePolicy tol = TolerancePolicy.DOUBLE;

        assertTrue(EarlyStoppingComparison.of(engine, anchored, atBest, dl4j(dl4jScores, 1, 3, si, new double[] {0.5, 2}), tol).passed());
        assertEquals("after epoch 2: validation score: engine (at DL4J's parameters) 0.5000000000, EarlyStoppingTrainer"
                + " 0.5000010000, rel 2.0e-06 (step tolerance 1e-10)", EarlyStoppingComparison.of(engine, anchored, atBest,
                dl4j(Map.of(0, 1.0, 1, 0.500001, 2, 0.7), 1, 3, si, new double[] {0.5, 2}), tol).failure());
        assertEquals("the engine stopped after epoch 3 (no improvement since epoch 2 (patience 1)), DL4J's EarlyStoppingTrainer"
                + " after epoch 3 (MAX_EPOCHS)", EarlyStoppingComparison.of(engine, anchored, atBest,
                dl4j(dl4jScores, 1, 3, Dl4jEarlyStopping.Condition.MAX_EPOCHS, new double[] {0.5, 2}), tol).failure());
        assertEquals("best epoch: engine 2, DL4J's EarlyStoppingTrainer 1 (getBestModelEpoch() 0)", EarlyStoppingComparison.of(
                engine, anchored, atBest, dl4j(dl4jScores, 0, 3, si, new double[] {0.5, 2}), tol).failure());
        String moved = EarlyStoppingComparison.of(engine, anchored, atBest, dl4j(dl4jScores, 1, 3, si, new double[] {0.5, 2.5}),
                tol).failure();
        assertTrue(moved.startsWith("best parameters: 0_W[1] of getBestModel() 2.500000000, the lockstep run's DL4J parameters"
                + " after epoch 2 2.000000000"), moved);
        EarlyStoppingComparison longer = EarlyStoppingComparison.of(engine, anchored, atBest,
                dl4j(Map.of(0, 1.0, 1, 0.5, 2, 0.7, 3, 0.8), 1, 4, si, new double[] {0.5, 2}), tol);
        assertEquals("the engine evaluated after epochs [1, 2, 3], DL4J's EarlyStoppingTrainer after [1, 2, 3, 4]", longer.failure());
        assertFalse(longer.passed());
        assertArrayEquals(new double[] {0.5, 2}, engine.bestParameters().get("0_W"));
    }
}
