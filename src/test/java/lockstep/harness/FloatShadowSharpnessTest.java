package lockstep.harness;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import lockstep.LossCases;
import lockstep.comparison.Divergence;
import lockstep.comparison.Quantity;
import lockstep.comparison.TolerancePolicy;
import lockstep.data.Datasets;
import lockstep.engine.EngineComponents;
import lockstep.engine.activations.Activation;
import lockstep.engine.losses.Loss;
import lockstep.engine.optim.UpdateRule;
import lockstep.linalg.DType;
import lockstep.report.ParityReport;
import lockstep.selftest.Faults;
import lockstep.spec.ActivationType;
import lockstep.spec.LayerSpec;
import lockstep.spec.LossType;
import lockstep.spec.NetworkSpec;
import lockstep.spec.RunSpec;
import lockstep.spec.UpdaterSpec;
import lockstep.spec.UpdaterType;
import lockstep.spec.WeightInit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the FLOAT step check can see: a relative error of 1e-4 planted in one activation derivative, one loss gradient
 * or one update rule, in FLOAT only, is caught at step 1 and named at the right layer and parameter; each twin without
 * the bug passes the same run. The error the old FLOAT tolerance (1e-2 of the tensor's scale) let through.
 */
class FloatShadowSharpnessTest {
    static final double PLANTED = 1 + 1e-4;

    /** Every activation as the hidden layer's: its derivative only reaches layer 0's gradients, so 0_W is named. */
    @ParameterizedTest
    @EnumSource(value = ActivationType.class, names = "SOFTMAX", mode = EnumSource.Mode.EXCLUDE)
    void aHiddenActivationDerivativeOffBy1e4IsCaughtAtStep1(ActivationType hidden) {
        RunSpec spec = spec(new NetworkSpec(List.of(new LayerSpec(4, 16, hidden), new LayerSpec(16, 3, ActivationType.SOFTMAX)),
                LossType.MCXENT, WeightInit.XAVIER_UNIFORM, new UpdaterSpec(UpdaterType.SGD, 0.1)));
        assertCaughtAtStep1(spec, derivativeOffBy1e4(hidden), Quantity.GRADIENT, "0_W");
    }

    /** Softmax's own derivative, as the output of an MSE network (MCXENT takes the combined p - y instead). */
    @ParameterizedTest
    @EnumSource(value = ActivationType.class, names = {"SOFTMAX", "SIGMOID", "TANH"})
    void anOutputActivationDerivativeOffBy1e4IsCaughtAtStep1(ActivationType output) {
        RunSpec spec = spec(new NetworkSpec(List.of(new LayerSpec(4, 16, ActivationType.RELU), new LayerSpec(16, 3, output)),
                LossType.MSE, WeightInit.XAVIER_UNIFORM, new UpdaterSpec(UpdaterType.SGD, 0.1)));
        assertCaughtAtStep1(spec, derivativeOffBy1e4(output), Quantity.GRADIENT, "1_W");
    }

    /** The engine with {@code faulty}'s derivative off by a relative 1e-4, in FLOAT only. */
    private static EngineComponents derivativeOffBy1e4(ActivationType faulty) {
        return new EngineComponents() {
            @Override
            public Activation activation(ActivationType type) {
                return type == faulty ? Faults.scaledDerivative(super.activation(type), PLANTED, DType.FLOAT) : super.activation(type);
            }
        };
    }

    static Stream<Arguments> lossCases() {
        return LossCases.all().stream().map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("lossCases")
    void aLossGradientOffBy1e4IsCaughtAtStep1(LossCases.LossCase c) {
        RunSpec spec = spec(new NetworkSpec(List.of(new LayerSpec(4, 16, ActivationType.TANH), new LayerSpec(16, 3, c.output())),
                c.loss(), WeightInit.XAVIER_UNIFORM, new UpdaterSpec(UpdaterType.SGD, c.learningRate())));
        EngineComponents faulty = new EngineComponents() {
            @Override
            public Loss loss(LossType type) {
                return Faults.scaledGradient(super.loss(type), PLANTED, DType.FLOAT);
            }
        };
        assertCaughtAtStep1(spec, faulty, Quantity.GRADIENT, "1_W");
    }

    @ParameterizedTest
    @EnumSource(UpdaterType.class)
    void anUpdateRuleOffBy1e4IsCaughtAtStep1(UpdaterType updater) {
        NetworkSpec net = RunSpec.irisDefault().network().withUpdater(updater.defaults());
        EngineComponents faulty = new EngineComponents() {
            @Override
            public UpdateRule updateRule(UpdaterSpec s) {
                return Faults.scaledUpdate(super.updateRule(s), PLANTED, DType.FLOAT);
            }
        };
        assertCaughtAtStep1(spec(net), faulty, Quantity.UPDATE, "1_W");
    }

    /** One step on all 150 examples: the bug must show at step 1. */
    private static RunSpec spec(NetworkSpec net) {
        RunSpec iris = RunSpec.irisDefault();
        return iris.withNetwork(net).withTraining(iris.training().withDataType(DType.FLOAT).withEpochs(1).withBatchSize(150));
    }

    private static void assertCaughtAtStep1(RunSpec spec, EngineComponents faulty, Quantity quantity, String parameter) {
        LockstepResult clean = new LockstepRun(spec, Datasets.iris(), new EngineComponents(), TolerancePolicy.FLOAT).run(e -> { });
        assertTrue(clean.passed(), () -> "the twin without the bug: " + ParityReport.verdictLine(clean));
        LockstepResult r = new LockstepRun(spec, Datasets.iris(), faulty, TolerancePolicy.FLOAT).run(e -> { });
        Divergence d = r.divergence();
        assertNotNull(d, () -> "not caught: " + ParityReport.verdictLine(r));
        assertEquals(List.of(1, quantity, parameter), Arrays.asList(d.globalStep(), d.quantity(), d.parameter()), d::describe);
    }
}
