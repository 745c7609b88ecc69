package lockstep.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import lockstep.comparison.TolerancePolicy;
import lockstep.data.Datasets;
import lockstep.engine.EngineComponents;
import lockstep.engine.optim.LayerwiseOptimizer;
import lockstep.engine.optim.Optimizer;
import lockstep.engine.optim.RegularizationMerge;
import lockstep.engine.optim.Regularizer;
import lockstep.linalg.DType;
import lockstep.report.ParityReport;
import lockstep.spec.GradientNormalization;
import lockstep.spec.GradientNormalizationSpec;
import lockstep.spec.LayerSpec;
import lockstep.spec.NetworkSpec;
import lockstep.spec.RegularizationSpec;
import lockstep.spec.RunSpec;
import lockstep.spec.UpdaterSpec;
import lockstep.spec.UpdaterType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Regularisation, gradient normalisation and per-layer overrides agree with DL4J step by step,
 * including DL4J's double application of a global weight decay.
 */
class RegularizationParityTest {
    private static final RegularizationSpec NONE = RegularizationSpec.NONE;

    static RunSpec run(NetworkSpec net, DType dtype) {
        RunSpec d = RunSpec.irisDefault();
        return d.withNetwork(net).withTraining(d.training().withDataType(dtype).withEpochs(3));
    }

    static NetworkSpec base() {
        return RunSpec.irisDefault().network();
    }

    static Stream<Arguments> regularisations() {
        List<Arguments> cases = new ArrayList<>();
        for (DType t : DType.values()) {
            cases.add(Arguments.of("global l1 and l2, l1Bias and l2Bias", base().withRegularization(
                    new RegularizationSpec(1e-3, 1e-2, null, 2e-3, 3e-3, null)), t));
            cases.add(Arguments.of("global weight decay (DL4J applies it twice)", base().withRegularization(
                    NONE.with("weightDecay", 1e-2).with("weightDecayBias", 5e-3)), t));
            cases.add(Arguments.of("layer weight decay on top of a global one", base().withRegularization(
                    NONE.with("weightDecay", 1e-2)).withLayers(List.of(
                    base().layers().get(0).withRegularization(NONE.with("weightDecay", 3e-2)), base().layers().get(1))), t));
            cases.add(Arguments.of("global l2, layer 0 weight decay and its own l1", base().withRegularization(
                    NONE.with("l2", 1e-2)).withLayers(List.of(
                    base().layers().get(0).withRegularization(NONE.with("weightDecay", 2e-2).with("l1", 1e-3)),
                    base().layers().get(1))), t));
            cases.add(Arguments.of("per-layer updater: Adam on layer 0, Nesterovs elsewhere",
                    base().withUpdater(new UpdaterSpec(UpdaterType.NESTEROVS, 0.05)).withLayers(List.of(
                            base().layers().get(0).withUpdater(new UpdaterSpec(UpdaterType.ADAM, 1e-3)),
                            base().layers().get(1))), t));
            cases.add(Arguments.of("weight decay with an updater without learning rate (AdaDelta)", base()
                    .withUpdater(UpdaterType.ADADELTA.defaults()).withRegularization(NONE.with("weightDecay", 1e-3)), t));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("regularisations")
    void regularisedTrainingMatchesDl4jAtEveryStep(String name, NetworkSpec net, DType dtype) {
        LockstepResult r = LockstepRun.of(run(net, dtype)).run(e -> { });
        assertTrue(r.passed(), () -> name + ": " + ParityReport.verdictLine(r));
    }

    static Stream<Arguments> normalisations() {
        List<Arguments> cases = new ArrayList<>();
        for (GradientNormalization g : GradientNormalization.values()) {
            for (DType t : DType.values()) {
                cases.add(Arguments.of(g, t));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("normalisations")
    void gradientNormalisationMatchesDl4jAtEveryStep(GradientNormalization mode, DType dtype) {
        // threshold 0.05: small enough that every clipping mode clips on Iris
        NetworkSpec net = base().withGradientNormalization(new GradientNormalizationSpec(mode, 0.05));
        LockstepResult r = LockstepRun.of(run(net, dtype)).run(e -> { });
        assertTrue(r.passed(), () -> mode + ": " + ParityReport.verdictLine(r));
    }

    @Test
    void aLayerOverrideOfGradientNormalisationMatchesDl4j() {
        NetworkSpec net = base().withGradientNormalization(new GradientNormalizationSpec(GradientNormalization.ClipL2PerLayer, 0.1))
                .withLayers(List.of(base().layers().get(0).withGradientNormalization(
                        new GradientNormalizationSpec(GradientNormalization.ClipElementWiseAbsoluteValue, 0.01)),
                        base().layers().get(1)));
        LockstepResult r = LockstepRun.of(run(net, DType.DOUBLE)).run(e -> { });
        assertTrue(r.passed(), () -> ParityReport.verdictLine(r));
    }

    @Test
    void globalWeightDecayIsMergedTwiceIntoALayerThatSetsNothing() {
        RegularizationSpec global = NONE.with("weightDecay", 0.01);
        assertEquals(List.of(new Regularizer(Regularizer.Kind.WEIGHT_DECAY, 0.01), new Regularizer(Regularizer.Kind.WEIGHT_DECAY, 0.01)),
                RegularizationMerge.forWeights(global, null));
        assertEquals(List.of(new Regularizer(Regularizer.Kind.WEIGHT_DECAY, 0.03), new Regularizer(Regularizer.Kind.WEIGHT_DECAY, 0.01)),
                RegularizationMerge.forWeights(global, NONE.with("weightDecay", 0.03)));
        assertEquals(List.of(new Regularizer(Regularizer.Kind.L2, 0.05)),
                RegularizationMerge.forWeights(NONE.with("l2", 0.01), NONE.with("l2", 0.05)));
    }

    /** The twin: an engine that applies a global weight decay once, as the textbook would, is caught at step 1. */
    @Test
    void anEngineThatAppliesGlobalWeightDecayOnceIsCaught() {
        EngineComponents textbook = new EngineComponents() {
            @Override
            public Optimizer optimizer(NetworkSpec spec) {
                List<LayerwiseOptimizer.LayerPlan> plans = new ArrayList<>();
                for (int i = 0; i < spec.layers().size(); i++) {
                    plans.add(new LayerwiseOptimizer.LayerPlan(spec.updaterOf(i), this::updateRule,
                            List.of(new Regularizer(Regularizer.Kind.WEIGHT_DECAY, spec.regularization().weightDecay())),
                            List.of(), spec.gradientNormalizationOf(i)));
                }
                return new LayerwiseOptimizer(plans);
            }
        };
        RunSpec spec = run(base().withRegularization(NONE.with("weightDecay", 1e-2)), DType.DOUBLE);
        LockstepResult r = new LockstepRun(spec, Datasets.iris(), textbook, TolerancePolicy.DOUBLE).run(e -> { });
        assertFalse(r.passed(), "single weight decay should differ from DL4J's double one");
        assertEquals(1, r.divergence().globalStep());
        assertTrue(r.divergence().what().startsWith("loss") || r.divergence().what().startsWith("update 1_W"),
                r.divergence().describe());
    }

    @ParameterizedTest
    @EnumSource(value = GradientNormalization.class, names = "None", mode = EnumSource.Mode.EXCLUDE)
    void aMissingNormalisationIsCaught(GradientNormalization mode) {
        EngineComponents unnormalised = new EngineComponents() {
            @Override
            public Optimizer optimizer(NetworkSpec spec) {
                return super.optimizer(spec.withGradientNormalization(GradientNormalizationSpec.NONE));
            }
        };
        RunSpec spec = run(base().withGradientNormalization(new GradientNormalizationSpec(mode, 0.05)), DType.DOUBLE);
        LockstepResult r = new LockstepRun(spec, Datasets.iris(), unnormalised, TolerancePolicy.DOUBLE).run(e -> { });
        assertFalse(r.passed(), mode + " left out should be caught");
        assertEquals(1, r.divergence().globalStep(), r.divergence().describe());
    }

    @Test
    void layerSpecRecordsItsOverrides() {
        LayerSpec l = base().layers().get(0).withUpdater(new UpdaterSpec(UpdaterType.ADAM, 0.1));
        assertEquals(UpdaterType.ADAM, base().withLayers(List.of(l, base().layers().get(1))).updaterOf(0).type());
        assertEquals(UpdaterType.SGD, base().withLayers(List.of(l, base().layers().get(1))).updaterOf(1).type());
    }
}
