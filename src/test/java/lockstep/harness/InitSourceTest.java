package lockstep.harness;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import lockstep.comparison.Quantity;
import lockstep.comparison.TolerancePolicy;
import lockstep.data.Datasets;
import lockstep.dl4j.Dl4jTrainer;
import lockstep.engine.EngineComponents;
import lockstep.engine.NetworkBuilder;
import lockstep.engine.train.MiniBatchStep;
import lockstep.linalg.DType;
import lockstep.spec.ActivationType;
import lockstep.spec.LayerSpec;
import lockstep.spec.LossType;
import lockstep.spec.NetworkSpec;
import lockstep.spec.RunSpec;
import lockstep.spec.UpdaterSpec;
import lockstep.spec.UpdaterType;
import lockstep.spec.WeightDistribution;
import lockstep.spec.WeightInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A run starts from the initial parameters of the side it names: the engine's draw, or DL4J's own. To tell the
 * draws apart (they are bit-identical when both are right), the engine here draws from seed + 1.
 */
class InitSourceTest {
    /** An engine whose initial draw is the one of the next seed. */
    private static final EngineComponents OTHER_DRAW = new EngineComponents() {
        @Override
        public lockstep.engine.init.InitialDraw initialDraw(NetworkSpec spec, DType dtype, long seed) {
            return super.initialDraw(spec, dtype, seed + 1);
        }
    };

    /** Runs the spec and returns the parameters both sides started from. */
    private static Map<String, double[]> startOf(RunSpec spec, InitSource source) {
        AtomicReference<Map<String, double[]>> start = new AtomicReference<>();
        LockstepRun run = new LockstepRun(spec, Datasets.load(spec.data()), OTHER_DRAW,
                TolerancePolicy.defaultFor(spec.training().dataType()), source);
        LockstepResult r = run.run(new LockstepRun.Listener() {
            @Override
            public void onEpoch(EpochSummary summary) {
            }

            @Override
            public void onStart(Map<String, double[]> initialParameters) {
                start.set(initialParameters);
            }
        });
        assertTrue(r.passed(), () -> ParityReportFormat.verdict(r));
        assertEquals(spec.training().epochs() * 10, r.steps());
        return start.get();
    }

    private static Map<String, double[]> dl4jDraw(RunSpec spec) {
        return new Dl4jTrainer(spec.network(), spec.training().dataType(), spec.training().seed()).parameters();
    }

    private static Map<String, double[]> engineDraw(RunSpec spec) {
        return new EngineTrainer(new MiniBatchStep(
                NetworkBuilder.build(spec.network(), spec.training().dataType(), spec.training().seed(), OTHER_DRAW),
                new EngineComponents().optimizer(spec.network()))).parameters();
    }

    private static void assertSameParameters(Map<String, double[]> expected, Map<String, double[]> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((k, v) -> assertArrayEquals(v, actual.get(k), 0.0, k));
    }

    private static RunSpec iris(DType dtype) {
        RunSpec d = RunSpec.irisDefault();
        return d.withTraining(d.training().withDataType(dtype).withEpochs(3));
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void initFromDl4jStartsBothSidesFromDl4jsOwnWeightsAndPasses(DType dtype) {
        RunSpec spec = iris(dtype);
        Map<String, double[]> start = startOf(spec, InitSource.DL4J);
        assertSameParameters(dl4jDraw(spec), start);
        assertFalse(Arrays.equals(engineDraw(spec).get("0_W"), start.get("0_W")), "not the engine's draw");
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void initFromTheEngineStartsBothSidesFromTheEnginesDraw(DType dtype) {
        RunSpec spec = iris(dtype);
        Map<String, double[]> start = startOf(spec, InitSource.ENGINE);
        assertSameParameters(engineDraw(spec), start);
        assertFalse(Arrays.equals(dl4jDraw(spec).get("0_W"), start.get("0_W")), "not DL4J's draw");
    }

    @Test
    void initFromDl4jWithTruncatedNormalAndDistributionSchemes() {
        NetworkSpec net = new NetworkSpec(List.of(
                new LayerSpec(4, 16, ActivationType.TANH, WeightInit.VAR_SCALING_NORMAL_FAN_AVG),
                new LayerSpec(16, 16, ActivationType.RELU, WeightInit.IDENTITY),
                new LayerSpec(16, 3, ActivationType.SOFTMAX)),
                LossType.MCXENT, new WeightDistribution.Uniform(-0.2, 0.2), new UpdaterSpec(UpdaterType.SGD, 0.1));
        RunSpec spec = iris(DType.DOUBLE).withNetwork(net);
        Map<String, double[]> start = startOf(spec, InitSource.DL4J);
        assertSameParameters(dl4jDraw(spec), start);
        double[] identity = start.get("1_W");
        for (int i = 0; i < 16; i++) {
            for (int j = 0; j < 16; j++) {
                assertEquals(i == j ? 1.0 : 0.0, identity[i * 16 + j], 0.0);
            }
        }
        assertTrue(Arrays.stream(start.get("2_W")).allMatch(w -> w >= -0.2 && w < 0.2));
    }

    @Test
    void biasesStartAtZeroOnBothSides() {
        RunSpec spec = iris(DType.DOUBLE);
        for (Map<String, double[]> draw : List.of(dl4jDraw(spec), engineDraw(spec))) {
            draw.forEach((k, v) -> {
                if (k.endsWith("_b")) {
                    assertArrayEquals(new double[v.length], v, 0.0, k);
                }
            });
        }
    }

    /** In seed mode the other draw is seen before the first step, at the first parameter compared. */
    @Test
    void inSeedModeTheOtherDrawFailsAtStepZero() {
        RunSpec spec = iris(DType.DOUBLE);
        LockstepResult r = new LockstepRun(spec, Datasets.iris(), OTHER_DRAW, TolerancePolicy.DOUBLE, InitSource.SEED).run(e -> { });
        assertFalse(r.passed());
        assertEquals(0, r.divergence().globalStep());
        assertEquals(Quantity.PARAMETER, r.divergence().quantity());
    }
}
