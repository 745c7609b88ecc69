package lockstep.harness;

import java.util.List;
import java.util.stream.Stream;
import lockstep.comparison.Divergence;
import lockstep.comparison.Quantity;
import lockstep.comparison.StepComparison;
import lockstep.comparison.TolerancePolicy;
import lockstep.data.Datasets;
import lockstep.dl4j.Dl4jTrainer;
import lockstep.engine.EngineComponents;
import lockstep.engine.init.InitialDraw;
import lockstep.linalg.DType;
import lockstep.report.ParityReport;
import lockstep.spec.ActivationType;
import lockstep.spec.LayerSpec;
import lockstep.spec.NetworkSpec;
import lockstep.spec.RunSpec;
import lockstep.spec.WeightInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seed mode, the default: each side draws its own initial parameters from the spec's seed, DL4J with
 * {@code MultiLayerNetwork.init()} and the engine (matrix and autograd) with its reproduction, and step 0
 * finds them bit-identical, for every named scheme in both data types. The twin plants a wrong Xavier-uniform
 * bound (sqrt(3) for sqrt(6)) and shows the run fails at step 0 naming the parameter.
 */
class SeedModeTest {

    static Stream<Arguments> schemes() {
        return Stream.of(WeightInit.values()).flatMap(w -> Stream.of(DType.values()).map(t -> Arguments.of(w, t)));
    }

    /** 4 -> 6 -> 6 -> 3 with the scheme on every layer (IDENTITY only on the square middle layer). */
    static NetworkSpec network(WeightInit scheme) {
        NetworkSpec base = RunSpec.irisDefault().network();
        return base.withLayers(List.of(
                new LayerSpec(4, 6, ActivationType.TANH, scheme == WeightInit.IDENTITY ? WeightInit.XAVIER : scheme),
                new LayerSpec(6, 6, ActivationType.RELU, scheme),
                new LayerSpec(6, 3, ActivationType.SOFTMAX, scheme == WeightInit.IDENTITY ? WeightInit.RELU : scheme)));
    }

    @ParameterizedTest
    @MethodSource("schemes")
    void bothEnginesDrawDl4jsInitialParametersBitForBit(WeightInit scheme, DType dtype) {
        NetworkSpec net = network(scheme);
        long seed = 1234567;
        Trainer engine = EngineFactory.MATRIX.create(net, dtype, seed, new EngineComponents());
        Trainer autograd = AutogradTrainer.FACTORY.create(net, dtype, seed, new EngineComponents());
        Dl4jSideTrainer dl4j = new Dl4jSideTrainer(new Dl4jTrainer(net, dtype, seed));
        for (Trainer side : List.of(engine, autograd)) {
            Divergence d = StepComparison.ofStartingState(side.parameters(), dl4j.parameters(), side.updaterState(),
                    dl4j.updaterState(), engine.parameterShapes()).divergence();
            assertNull(d, () -> side.name() + ": " + d.describe());
        }
    }

    @Test
    void theDefaultRunStartsFromEachSidesOwnDrawAndPasses() {
        LockstepRun run = new LockstepRun(RunSpec.irisDefault(), Datasets.iris(), new EngineComponents(), TolerancePolicy.DOUBLE);
        LockstepResult r = run.run(e -> { });
        assertTrue(r.passed(), () -> ParityReport.verdictLine(r));
    }

    /** An engine whose Xavier-uniform bound is sqrt(3)/sqrt(fanIn+fanOut): every W drawn 1/sqrt(2) too small. */
    static EngineComponents xavierUniformWithSqrt3() {
        return new EngineComponents() {
            @Override
            public InitialDraw initialDraw(NetworkSpec spec, DType dtype, long seed) {
                return lockstep.selftest.Faults.xavierUniformWithSqrt3(super.initialDraw(spec, dtype, seed), spec);
            }
        };
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(DType.class)
    void aWrongXavierUniformBoundFailsAtStepZeroNamingTheParameter(DType dtype) {
        RunSpec base = RunSpec.irisDefault();
        RunSpec spec = base.withNetwork(network(WeightInit.XAVIER_UNIFORM))
                .withTraining(base.training().withDataType(dtype).withEpochs(2));
        LockstepResult r = new LockstepRun(spec, Datasets.iris(), xavierUniformWithSqrt3(), TolerancePolicy.defaultFor(dtype))
                .run(e -> { });
        assertFalse(r.passed());
        Divergence d = r.divergence();
        assertEquals(0, d.globalStep(), d.describe());
        assertEquals(Quantity.PARAMETER, d.quantity(), d.describe());
        assertTrue(d.parameter().endsWith("_W"), d.describe());   // every layer is Xavier-uniform: any W names it
        assertEquals(d.dl4jValue() * Math.sqrt(0.5), d.engineValue(), Math.abs(d.dl4jValue()) * 1e-6, d.describe());
        LockstepResult twin = new LockstepRun(spec, Datasets.iris(), new EngineComponents(), TolerancePolicy.defaultFor(dtype))
                .run(e -> { });
        assertTrue(twin.passed(), () -> ParityReport.verdictLine(twin));
    }

    /** The debugging modes copy one side's draw into the other: blind to a wrong draw by construction, and passing. */
    @Test
    void theCopyModesStartBothSidesFromOneDrawAndSoCannotSeeAWrongOne() {
        RunSpec base = RunSpec.irisDefault();
        RunSpec spec = base.withNetwork(network(WeightInit.XAVIER_UNIFORM)).withTraining(base.training().withEpochs(2));
        for (InitSource source : List.of(InitSource.ENGINE, InitSource.DL4J)) {
            LockstepResult r = new LockstepRun(spec, Datasets.iris(), xavierUniformWithSqrt3(), TolerancePolicy.DOUBLE, source)
                    .run(e -> { });
            assertTrue(r.passed(), () -> source + ": " + ParityReport.verdictLine(r));
        }
    }
}
