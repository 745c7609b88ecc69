package lockstep.harness;

import java.util.Map;
import lockstep.comparison.Check;
import lockstep.comparison.Divergence;
import lockstep.comparison.StepSnapshot;
import lockstep.comparison.TolerancePolicy;
import lockstep.data.Batch;
import lockstep.data.Datasets;
import lockstep.engine.EngineComponents;
import lockstep.linalg.DType;
import lockstep.report.ParityReport;
import lockstep.spec.RunSpec;
import lockstep.spec.UpdaterSpec;
import lockstep.spec.UpdaterType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The FLOAT trajectory is judged against DL4J's own FLOAT drift ({@link FloatDrift}): a correct run passes, and a bug
 * that only a free-running engine shows (the optimizer's momentum lost at every epoch start, invisible to the step
 * check, whose engine is given DL4J's updater state before every step) is caught in FLOAT at the first step it
 * matters, as the fixed trajectory tolerance catches it in DOUBLE.
 */
class FloatDriftTest {

    /** Iris with Nesterovs (momentum 0.9), 3 epochs: state that the next step depends on. */
    static RunSpec momentum(DType dtype) {
        RunSpec d = RunSpec.irisDefault();
        return d.withNetwork(d.network().withUpdater(new UpdaterSpec(UpdaterType.NESTEROVS, 0.05).with("momentum", 0.9)))
                .withTraining(d.training().withDataType(dtype).withEpochs(3));
    }

    /** An engine that starts every epoch from a fresh optimizer state (as if it made a new optimizer per epoch). */
    static final EngineFactory MOMENTUM_LOST_EACH_EPOCH = (net, dtype, seed, components) -> {
        Trainer real = EngineFactory.MATRIX.create(net, dtype, seed, components);
        Map<String, double[]> fresh = real.updaterState();
        return new Trainer() {
            @Override
            public String name() {
                return real.name();
            }

            @Override
            public Map<String, double[]> parameters() {
                return real.parameters();
            }

            @Override
            public Map<String, int[]> parameterShapes() {
                return real.parameterShapes();
            }

            @Override
            public void setParameters(Map<String, double[]> values) {
                real.setParameters(values);
            }

            @Override
            public Map<String, double[]> updaterState() {
                return real.updaterState();
            }

            @Override
            public void setUpdaterState(Map<String, double[]> state) {
                real.setUpdaterState(state);
            }

            @Override
            public void setEpoch(int epoch) {
                real.setEpoch(epoch);
                real.setUpdaterState(fresh);   // the bug
            }

            @Override
            public StepSnapshot step(Batch batch) {
                return real.step(batch);
            }
        };
    };

    @ParameterizedTest
    @EnumSource(DType.class)
    void momentumLostAtEachEpochIsCaughtByTheTrajectoryCheckAtTheSecondEpochsFirstStep(DType dtype) {
        RunSpec spec = momentum(dtype);
        LockstepResult r = new LockstepRun(spec, Datasets.iris(), new EngineComponents(), TolerancePolicy.defaultFor(dtype))
                .withEngine(MOMENTUM_LOST_EACH_EPOCH).run(e -> { });
        assertFalse(r.passed());
        Divergence d = r.divergence();
        assertEquals(Check.TRAJECTORY, d.check(), d.describe());
        assertEquals(2, d.epoch(), d.describe());
        assertEquals(1, d.step(), d.describe());
        LockstepResult twin = new LockstepRun(spec, Datasets.iris(), new EngineComponents(), TolerancePolicy.defaultFor(dtype))
                .run(e -> { });
        assertTrue(twin.passed(), () -> ParityReport.verdictLine(twin));
    }

    @Test
    void aCorrectFloatRunIsJudgedAgainstDl4jsOwnDriftAndPasses() {
        RunSpec d = RunSpec.irisDefault();
        RunSpec spec = d.withTraining(d.training().withDataType(DType.FLOAT).withEpochs(12));
        LockstepResult r = LockstepRun.of(spec).run(e -> { });
        assertTrue(r.passed(), () -> ParityReport.verdictLine(r));
        assertTrue(r.driftJudgedAgainstDl4j());
        assertTrue(r.worstDriftRatio() > 0 && r.worstDriftRatio() <= FloatDrift.FACTOR, "ratio " + r.worstDriftRatio());
    }

    /** Hand-computed: each element relative to the largest parameter of its layer, W and b together. */
    @Test
    void driftIsMeasuredAtTheLayersScale() {
        Map<String, double[]> dl4j = new java.util.LinkedHashMap<>();
        dl4j.put("0_W", new double[] {1.0, -2.5});
        dl4j.put("0_b", new double[] {-0.001});
        dl4j.put("1_W", new double[] {0.5});
        Map<String, double[]> engine = Map.of("0_W", new double[] {1.0, -2.4}, "0_b", new double[] {0.001},
                "1_W", new double[] {0.49});
        FloatDrift.Worst w = FloatDrift.drift(engine, dl4j);
        assertEquals("0_W", w.key());
        assertEquals(1, w.index());
        assertEquals(0.1 / 2.5, w.error(), 1e-15);                     // not 0_b's 0.002 / 2.5 = 8e-4, not 1_W's 0.02
        Map<String, double[]> flippedBias = Map.of("0_W", new double[] {1.0, -2.5}, "0_b", new double[] {0.001},
                "1_W", new double[] {0.5});
        assertEquals(0.002 / 2.5, FloatDrift.drift(flippedBias, dl4j).error(), 1e-15);   // a sign flip at 1e-3: small
        Map<String, double[]> nan = Map.of("0_W", new double[] {1.0, Double.NaN}, "0_b", new double[] {-0.001},
                "1_W", new double[] {0.5});
        assertEquals(Double.POSITIVE_INFINITY, FloatDrift.drift(nan, dl4j).error());
    }

    /** A reference that diverged (NaN in DL4J's run) is no scale: the drift is +inf at that element, never NaN. */
    @Test
    void aNonFiniteReferenceElementDoesNotTurnTheLayersDriftIntoNaN() {
        Map<String, double[]> dl4j = Map.of("0_W", new double[] {2.0, Double.NaN}, "0_b", new double[] {1.0});
        Map<String, double[]> engine = Map.of("0_W", new double[] {1.0, 0.5}, "0_b", new double[] {1.0});
        FloatDrift.Worst w = FloatDrift.drift(engine, dl4j);
        assertEquals(Double.POSITIVE_INFINITY, w.error());
        assertEquals(1, w.index());
    }
}
