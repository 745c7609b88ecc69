package lockstep.engine.train;

import java.util.List;
import java.util.Map;
import lockstep.data.Dataset;
import lockstep.engine.EngineComponents;
import lockstep.engine.Network;
import lockstep.engine.ParameterBlock;
import lockstep.engine.activations.Identity;
import lockstep.engine.dropout.MultiplicativeNoise;
import lockstep.engine.layers.DenseLayer;
import lockstep.engine.losses.Mse;
import lockstep.linalg.DType;
import lockstep.linalg.Matrix;
import lockstep.linalg.NaiveMatMul;
import lockstep.spec.ActivationType;
import lockstep.spec.DropoutSpec;
import lockstep.spec.LayerSpec;
import lockstep.spec.LossType;
import lockstep.spec.NetworkSpec;
import lockstep.spec.ParameterKey;
import lockstep.spec.ParameterLayout;
import lockstep.spec.RegularizationSpec;
import lockstep.spec.UpdaterSpec;
import lockstep.spec.UpdaterType;
import lockstep.spec.WeightInit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Prediction and validation scoring on a one-layer identity network with hand-set weights, every output, class and
 * loss worked out by hand:
 * <pre>
 *   W = [[1, 0, 0], [0, 1, 0]]  b = [0, 0, 0.5]     output = x·W + b = (x0, x1, 0.5)
 * </pre>
 * so the class of the largest output is visible in the features, ties included (the first largest wins).
 */
class EvaluationAndValidatorTest {
    private static final double[] W = {1, 0, 0, 0, 1, 0};
    private static final double[] B = {0, 0, 0.5};

    //                                     x          output         class of the largest
    private static final double[] X = {2, 0,      // (2, 0, .5)       0
                                       0, 2,      // (0, 2, .5)       1
                                       0, 0,      // (0, 0, .5)       2
                                       1, 1,      // (1, 1, .5)       0 (tie 0/1)
                                       0.5, 0.5,  // (.5, .5, .5)     0 (three-way tie)
                                       -1, 0.5};  // (-1, .5, .5)     1 (tie 1/2)
    private static final int[] PREDICTED = {0, 1, 2, 0, 0, 1};

    private static Dataset data(double[] x, int[] classes) {
        return new Dataset("hand", x, 2, classes, 3);
    }

    private static Network handSetNetwork(DType dtype) {
        ParameterBlock block = new ParameterBlock(ParameterLayout.dense(new int[] {2, 3}), dtype);
        DenseLayer layer = new DenseLayer(block.parameter(ParameterKey.weights(0)), block.parameter(ParameterKey.bias(0)),
                new Identity(), new NaiveMatMul());
        for (int i = 0; i < W.length; i++) {
            layer.weights().value().set(i, W[i]);
        }
        for (int i = 0; i < B.length; i++) {
            layer.bias().value().set(i, B[i]);
        }
        // a dropout that drops every input: applied, it would make every output (0, 0, 0.5), i.e. class 2
        layer.setDropout(new MultiplicativeNoise(), (l, it, rows, cols) -> new double[rows * cols]);
        return new Network(List.of(layer), new Mse(), block);
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void predictsTheFirstLargestOutputInInferenceModeWhateverTheChunk(DType dtype) {
        Network net = handSetNetwork(dtype);
        Dataset d = data(X, new int[6]);
        for (int chunk : new int[] {1, 4, 6, 100}) {
            assertArrayEquals(PREDICTED, Evaluation.predict(net, d, dtype, chunk), "chunk " + chunk);
        }
        // back in training mode afterwards: the dropout applies again
        Matrix out = net.forward(d.batch(new int[] {0}, dtype).features());
        assertArrayEquals(new double[] {0, 0, 0.5}, out.toDoubleArray());
        assertEquals(2, Evaluation.argmax(out, 0));
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void argmaxTakesTheFirstLargestColumn(DType dtype) {
        Matrix m = Matrix.of(dtype, 4, 3, new double[] {1, 3, 2, 5, 5, 1, -1, -2, -1, 0, 0, 7});
        int[] expected = {1, 0, 0, 2};
        for (int r = 0; r < 4; r++) {
            assertEquals(expected[r], Evaluation.argmax(m, r), "row " + r);
            assertEquals(expected[r], Validator.argmax(m, r), "row " + r);
        }
    }

    /**
     * MSE (per example Σ_c (p_c - y_c)² / 3) on four examples:
     * <pre>
     *   x (1,0) class 0: p (1,0,.5)  y (1,0,0)  errors 0+0+.25 = .25   predicted 0 (right)
     *   x (0,1) class 2: p (0,1,.5)  y (0,0,1)  errors 0+1+.25 = 1.25  predicted 1 (wrong)
     *   x (0,0) class 2: p (0,0,.5)  y (0,0,1)  errors .25             predicted 2 (right)
     *   x (1,1) class 0: p (1,1,.5)  y (1,0,0)  errors 0+1+.25 = 1.25  predicted 0 (tie; right)
     *   loss = (3 / 3) / 4 = 0.25;  L2 0.5 on W: 0.5 · 0.5 · Σ W² = 0.5;  accuracy 3/4
     * </pre>
     * The layer has a dropout that the validator must leave out.
     */
    @ParameterizedTest
    @EnumSource(DType.class)
    void validatorScoresTheHandComputedLossPenaltyAndAccuracy(DType dtype) {
        NetworkSpec spec = new NetworkSpec(
                List.of(new LayerSpec(2, 3, ActivationType.IDENTITY).withDropout(DropoutSpec.of(DropoutSpec.Kind.DROPOUT, 0.5))),
                LossType.MSE, WeightInit.ZERO, new UpdaterSpec(UpdaterType.SGD, 0.1))
                .withRegularization(RegularizationSpec.NONE.with("l2", 0.5));
        Dataset d = data(new double[] {1, 0, 0, 1, 0, 0, 1, 1}, new int[] {0, 2, 2, 0});
        Validator v = new Validator(spec, dtype, new EngineComponents(), d);
        assertArrayEquals(new int[] {0, 2, 2, 0}, v.classes());
        Validator.Score s = v.evaluate(Map.of("0_W", W, "0_b", B));
        assertEquals(0.25 + 0.5, s.loss(), 1e-15);
        assertEquals(0.75, s.accuracy());
        assertArrayEquals(new int[] {0, 1, 2, 0}, s.predictions());
        assertArrayEquals(new double[] {1, 0, 0.5, 0, 1, 0.5, 0, 0, 0.5, 1, 1, 0.5}, s.outputs().toDoubleArray());

        // W = 0, b = (0, 0, 1): every output (0, 0, 1), every prediction class 2; errors 2, 0, 0, 2; no penalty
        Validator.Score zero = v.evaluate(Map.of("0_W", new double[6], "0_b", new double[] {0, 0, 1}));
        assertEquals(0.5, zero.accuracy(), "every prediction is class 2: examples 1 and 2");
        assertEquals(4 / 3.0 / 4, zero.loss(), 1e-15);
        s.outputs().set(0, 99);
        assertEquals(1.0, v.evaluate(Map.of("0_W", W, "0_b", B)).outputs().get(0), "outputs are a copy");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> v.evaluate(Map.of("0_W", new double[5], "0_b", B)));
        assertEquals("no values of the right size for parameter 0_W", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> v.evaluate(Map.of("0_W", W)));
    }
}
