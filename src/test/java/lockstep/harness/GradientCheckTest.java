package lockstep.harness;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import lockstep.engine.EngineComponents;
import lockstep.engine.Network;
import lockstep.engine.NetworkBuilder;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The engine's analytic gradients agree with finite differences for every activation and loss. */
class GradientCheckTest {

    static Stream<Arguments> activationsAndLosses() {
        return Stream.of(
                Arguments.of(ActivationType.TANH, ActivationType.SOFTMAX, LossType.MCXENT),
                Arguments.of(ActivationType.SIGMOID, ActivationType.SOFTMAX, LossType.MCXENT),
                Arguments.of(ActivationType.RELU, ActivationType.SOFTMAX, LossType.MCXENT),
                Arguments.of(ActivationType.IDENTITY, ActivationType.SOFTMAX, LossType.MCXENT),
                Arguments.of(ActivationType.TANH, ActivationType.IDENTITY, LossType.MSE),
                Arguments.of(ActivationType.SIGMOID, ActivationType.SIGMOID, LossType.MSE),
                Arguments.of(ActivationType.RELU, ActivationType.TANH, LossType.MSE),
                Arguments.of(ActivationType.TANH, ActivationType.RELU, LossType.MSE),
                Arguments.of(ActivationType.SIGMOID, ActivationType.SOFTMAX, LossType.MSE));
    }

    @ParameterizedTest(name = "hidden {0}, output {1}, loss {2}")
    @MethodSource("activationsAndLosses")
    void analyticGradientsMatchFiniteDifferences(ActivationType hidden, ActivationType output, LossType loss) {
        Network net = NetworkBuilder.build(spec(hidden, output, loss), DType.DOUBLE, 7, new EngineComponents());
        List<GradientCheck.ParameterResult> results = GradientCheck.check(net, randomMatrix(5, 3, 1), labels(5, 3, 2));
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
            public DenseLayer denseLayer(int index, int nIn, int nOut, Activation activation, DType dtype) {
                return new DenseLayer(index, nIn, nOut, activation, dtype, matMul()) {
                    @Override
                    protected void biasGradient(Matrix delta, Matrix db) {
                        super.biasGradient(delta, db);
                        db.set(0, db.get(0) * 0.5);
                    }
                };
            }
        };
        Network net = NetworkBuilder.build(spec(hidden, output, loss), DType.DOUBLE, 7, halfBias);
        List<GradientCheck.ParameterResult> results = GradientCheck.check(net, randomMatrix(5, 3, 1), labels(5, 3, 2));
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
        SplitMix64 rng = new SplitMix64(seed);
        Matrix m = Matrix.zeros(DType.DOUBLE, rows, classes);
        for (int r = 0; r < rows; r++) {
            m.set(r, rng.nextInt(classes), 1.0);
        }
        return m;
    }
}
