package lockstep.gradcheck;

import java.util.List;
import java.util.stream.Stream;
import lockstep.LossCases;
import lockstep.engine.EngineComponents;
import lockstep.engine.Network;
import lockstep.engine.NetworkBuilder;
import lockstep.engine.Parameter;
import lockstep.engine.activations.Activation;
import lockstep.engine.layers.DenseLayer;
import lockstep.linalg.DType;
import lockstep.linalg.Matrix;
import lockstep.rand.SplitMix64;
import lockstep.spec.ActivationType;
import lockstep.spec.LayerSpec;
import lockstep.spec.LossType;
import lockstep.spec.NetworkSpec;
import lockstep.spec.UpdaterSpec;
import lockstep.spec.UpdaterType;
import lockstep.spec.WeightInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engine's analytic gradients agree with finite differences for every activation and every loss (with its output activation). */
class GradientCheckTest {

    static Stream<Arguments> activationsAndLosses() {
        Stream<Arguments> hiddenAndOutput = Stream.of(
                Arguments.of(ActivationType.TANH, ActivationType.SOFTMAX, LossType.MCXENT),
                Arguments.of(ActivationType.SIGMOID, ActivationType.SOFTMAX, LossType.MCXENT),
                Arguments.of(ActivationType.RELU, ActivationType.SOFTMAX, LossType.MCXENT),
                Arguments.of(ActivationType.IDENTITY, ActivationType.SOFTMAX, LossType.MCXENT),
                Arguments.of(ActivationType.TANH, ActivationType.IDENTITY, LossType.MSE),
                Arguments.of(ActivationType.SIGMOID, ActivationType.SIGMOID, LossType.MSE),
                Arguments.of(ActivationType.RELU, ActivationType.TANH, LossType.MSE),
                Arguments.of(ActivationType.TANH, ActivationType.RELU, LossType.MSE),
                Arguments.of(ActivationType.SIGMOID, ActivationType.SOFTMAX, LossType.MSE));
        // and every loss with its output activation (not XENT+SOFTMAX: DL4J's gradient there is not the
        // derivative of its score, see xentWithSoftmaxIsNotTheDerivativeOfItsScore)
        Stream<Arguments> everyLoss = LossCases.differentiable().map(c -> Arguments.of(ActivationType.TANH, c.output(), c.loss()));
        return Stream.concat(hiddenAndOutput, everyLoss);
    }

    @ParameterizedTest(name = "hidden {0}, output {1}, loss {2}")
    @MethodSource("activationsAndLosses")
    void analyticGradientsMatchFiniteDifferences(ActivationType hidden, ActivationType output, LossType loss) {
        Network net = NetworkBuilder.build(spec(hidden, output, loss), DType.DOUBLE, 7, new EngineComponents());
        List<GradientCheck.ParameterResult> results = GradientCheck.check(net, randomMatrix(5, 3, 1), labels(5, 3, 2, loss));
        for (GradientCheck.ParameterResult r : results) {
            assertTrue(r.passed(), () -> "finite differences disagree: " + r);
        }
    }

    static Stream<ActivationType> everyElementwiseActivation() {
        return java.util.Arrays.stream(ActivationType.values()).filter(t -> t != ActivationType.SOFTMAX);
    }

    @ParameterizedTest(name = "hidden {0}")
    @MethodSource("everyElementwiseActivation")
    void everyActivationsDerivativeMatchesFiniteDifferences(ActivationType hidden) {
        Network net = NetworkBuilder.build(spec(hidden, ActivationType.SOFTMAX, LossType.MCXENT), DType.DOUBLE, 11,
                new EngineComponents());
        for (GradientCheck.ParameterResult r : GradientCheck.check(net, randomMatrix(6, 3, 5), labels(6, 3, 6))) {
            assertTrue(r.passed(), () -> hidden + ": finite differences disagree: " + r);
        }
    }

    @ParameterizedTest(name = "planted bias bug caught with hidden {0}, output {1}, loss {2}")
    @MethodSource("activationsAndLosses")
    void aWrongBiasGradientFailsTheCheck(ActivationType hidden, ActivationType output, LossType loss) {
        EngineComponents halfBias = new EngineComponents() {
            @Override
            public DenseLayer denseLayer(Parameter weights, Parameter bias, Activation activation) {
                return new DenseLayer(weights, bias, activation, matMul()) {
                    @Override
                    protected void biasGradient(Matrix delta, Matrix db) {
                        super.biasGradient(delta, db);
                        db.set(0, db.get(0) * 0.5);
                    }
                };
            }
        };
        Network net = NetworkBuilder.build(spec(hidden, output, loss), DType.DOUBLE, 7, halfBias);
        List<GradientCheck.ParameterResult> results = GradientCheck.check(net, randomMatrix(5, 3, 1), labels(5, 3, 2, loss));
        assertFalse(results.stream().filter(r -> r.parameter().endsWith("_b")).allMatch(GradientCheck.ParameterResult::passed),
                () -> "a halved bias gradient passed: " + results);
    }

    private static NetworkSpec spec(ActivationType hidden, ActivationType output, LossType loss) {
        return new NetworkSpec(List.of(new LayerSpec(3, 4, hidden), new LayerSpec(4, 3, output)), loss,
                WeightInit.XAVIER_UNIFORM, new UpdaterSpec(UpdaterType.SGD, 0.1));
    }

    static Matrix randomMatrix(int rows, int cols, long seed) {
        SplitMix64 rng = new SplitMix64(seed);
        Matrix m = Matrix.zeros(DType.DOUBLE, rows, cols);
        for (int i = 0; i < m.size(); i++) {
            m.set(i, 2 * rng.nextDouble() - 1);
        }
        return m;
    }

    /** One-hot labels with a random class per row. */
    static Matrix labels(int rows, int classes, long seed) {
        return labels(rows, classes, seed, LossType.MCXENT);
    }

    /** A random class per row, its one-hot row encoded as lockstep feeds {@code loss} (e.g. -1/+1 for HINGE). */
    static Matrix labels(int rows, int classes, long seed, LossType loss) {
        SplitMix64 rng = new SplitMix64(seed);
        Matrix m = Matrix.zeros(DType.DOUBLE, rows, classes);
        for (int r = 0; r < rows; r++) {
            int hot = rng.nextInt(classes);
            for (int c = 0; c < classes; c++) {
                m.set(r, c, loss.labels().encode(c == hot ? 1.0 : 0.0));
            }
        }
        return m;
    }

    @Test
    void xentWithSoftmaxIsNotTheDerivativeOfItsScore() {
        // DL4J scores XENT+SOFTMAX as -Σ y ln p (MCXENT's score) but backpropagates the binary cross-entropy
        // gradient; the engine reproduces both (LossParityTest), so finite differences of its score disagree
        Network net = NetworkBuilder.build(spec(ActivationType.TANH, ActivationType.SOFTMAX, LossType.XENT), DType.DOUBLE, 7,
                new EngineComponents());
        List<GradientCheck.ParameterResult> results = GradientCheck.check(net, randomMatrix(5, 3, 1), labels(5, 3, 2));
        assertFalse(results.stream().allMatch(GradientCheck.ParameterResult::passed), () -> "expected a mismatch: " + results);
    }
}
