package lockstep.gradcheck;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import lockstep.engine.Parameter;
import lockstep.engine.autograd.Criterion;
import lockstep.engine.autograd.Sequential;
import lockstep.engine.autograd.Tensor;
import lockstep.harness.AutogradParityTest;
import lockstep.harness.PlantedAutogradBugs;
import lockstep.linalg.DType;
import lockstep.linalg.Matrix;
import lockstep.spec.ActivationType;
import lockstep.spec.LayerSpec;
import lockstep.spec.LossType;
import lockstep.spec.NetworkSpec;
import lockstep.spec.UpdaterSpec;
import lockstep.spec.UpdaterType;
import lockstep.spec.WeightInit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The autograd's gradients of whole networks agree with central finite differences of its own loss
 * ({@link GradientCheck}'s criteria: ε 1e-6, relative error at most 1e-3, differences below 1e-8
 * accepted), for every activation in the hidden layer with MCXENT and in both layers with MSE; the
 * planted bias bug fails the same check.
 */
class AutogradGradientCheckTest {

    static Stream<Arguments> everyActivationAndLoss() {
        return AutogradParityTest.everyActivationAndLoss();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyActivationAndLoss")
    void autogradGradientsMatchFiniteDifferences(ActivationType activation, LossType loss) {
        for (GradientCheck.ParameterResult r : check(spec(activation, loss), UnaryOperator.identity())) {
            assertTrue(r.passed(), () -> activation + " " + loss + ": finite differences disagree: " + r);
        }
    }

    @ParameterizedTest(name = "planted bias bug caught with {0} {1}")
    @MethodSource("everyActivationAndLoss")
    void aWrongBiasGradientFailsTheCheck(ActivationType activation, LossType loss) {
        List<GradientCheck.ParameterResult> results = check(spec(activation, loss), PlantedAutogradBugs::biasGradientOfTheFirstExampleOnly);
        assertFalse(results.stream().filter(r -> r.parameter().endsWith("_b")).allMatch(GradientCheck.ParameterResult::passed),
                () -> "a bias gradient of one example passed: " + results);
    }

    /** 3-4-3 as GradientCheckTest's networks; the activation in the hidden layer, and in the output layer for MSE. */
    private static NetworkSpec spec(ActivationType activation, LossType loss) {
        ActivationType output = loss == LossType.MCXENT ? ActivationType.SOFTMAX : activation;
        return new NetworkSpec(List.of(new LayerSpec(3, 4, activation), new LayerSpec(4, 3, output)), loss,
                WeightInit.XAVIER_UNIFORM, new UpdaterSpec(UpdaterType.SGD, 0.1));
    }

    private static List<GradientCheck.ParameterResult> check(NetworkSpec spec, UnaryOperator<Sequential> twist) {
        Sequential model = twist.apply(Sequential.from(spec, DType.DOUBLE, 7));
        Criterion criterion = Criterion.of(spec.loss());
        Tensor x = Tensor.constant(GradientCheckTest.randomMatrix(5, 3, 1));
        Matrix y = GradientCheckTest.labels(5, 3, 2);
        criterion.apply(model.forward(x), y).backward();
        Map<String, double[]> analytic = new LinkedHashMap<>();
        for (Parameter p : model.parameters()) {
            analytic.put(p.name(), p.gradient().toDoubleArray());
        }
        return GradientCheck.check(model.parameters(), analytic, () -> criterion.apply(model.forward(x), y).item());
    }
}
