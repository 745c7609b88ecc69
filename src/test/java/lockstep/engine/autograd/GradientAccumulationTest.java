package lockstep.engine.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import lockstep.data.Batch;
import lockstep.data.Dataset;
import lockstep.data.Datasets;
import lockstep.data.EpochPlan;
import lockstep.data.SeededShuffler;
import lockstep.engine.EngineComponents;
import lockstep.engine.Network;
import lockstep.engine.NetworkBuilder;
import lockstep.engine.Parameter;
import lockstep.linalg.DType;
import lockstep.linalg.Matrix;
import lockstep.spec.RunSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.opentest4j.AssertionFailedError;

/**
 * Gradients accumulate as in PyTorch: a second backward() without zeroGrad() ADDS to .grad, so the
 * gradient is exactly (bit for bit) the sum of the two batches' gradients, each computed on its own by
 * the matrix engine; after zeroGrad() it is the second batch's alone. The same assertion catches a
 * backprop that overwrites instead of adding.
 */
class GradientAccumulationTest {
    /** The planted bug: a leaf's gradient is overwritten by each contribution instead of added to. */
    static final Backprop OVERWRITING = new Backprop() {
        @Override
        protected void accumulate(Tensor target, Matrix contribution) {
            if (target.isLeaf()) {
                target.grad().copyFrom(contribution);
            } else {
                super.accumulate(target, contribution);
            }
        }
    };

    private static final Dataset IRIS = Datasets.iris();
    private static final RunSpec SPEC = RunSpec.irisDefault();

    private record Setup(Sequential model, Criterion criterion, AutogradOptimizer optimizer, Batch first, Batch second) {
        static Setup of(DType dtype) {
            EngineComponents c = new EngineComponents();
            Sequential model = Sequential.from(SPEC.network(), dtype, SPEC.training().seed(), c);
            List<int[]> batches = EpochPlan.batches(new SeededShuffler(SPEC.training().seed()).order(IRIS.size(), 1), 16);
            return new Setup(model, new Criterion(c.loss(SPEC.network().loss())),
                    new AutogradOptimizer(model.parameters(), c.optimizer(SPEC.network())),
                    IRIS.batch(batches.get(0), dtype), IRIS.batch(batches.get(1), dtype));
        }

        void backwardOn(Batch b, Consumer<Tensor> backward) {
            backward.accept(criterion.apply(model.forward(Tensor.constant(b.features())), b.labels()));
        }

        Map<String, double[]> gradients() {
            Map<String, double[]> out = new LinkedHashMap<>();
            for (Parameter p : model.parameters()) {
                out.put(p.name(), p.gradient().toDoubleArray());
            }
            return out;
        }
    }

    /** The batch-mean loss gradient of one batch by the matrix engine, at the same initial weights. */
    private static Map<String, double[]> matrixEngineGradient(Batch b, DType dtype) {
        Network net = NetworkBuilder.build(SPEC.network(), dtype, SPEC.training().seed(), new EngineComponents());
        net.forward(b.features());
        net.backward(b.labels());
        Map<String, double[]> out = new LinkedHashMap<>();
        for (Parameter p : net.parameters()) {
            out.put(p.name(), p.gradient().toDoubleArray());
        }
        return out;
    }

    /**
     * Asserts that {@code actual} is, element by element and exactly (==, in the parameters' type), the
     * sum of {@code batchGradients} added in order; names the first element that is not.
     */
    @SafeVarargs
    static void assertIsExactlyTheSum(Map<String, double[]> actual, DType dtype, Map<String, double[]>... batchGradients) {
        assertEquals(batchGradients[0].keySet(), actual.keySet());
        for (String key : actual.keySet()) {
            double[] a = actual.get(key);
            for (int i = 0; i < a.length; i++) {
                double sum = 0.0;
                for (Map<String, double[]> g : batchGradients) {
                    sum = dtype == DType.FLOAT ? (float) (sum + g.get(key)[i]) : sum + g.get(key)[i];
                }
                if (a[i] != sum) {
                    throw new AssertionFailedError("gradient " + key + "[" + i + "] is " + a[i] + ", but the sum of the "
                            + batchGradients.length + " batch gradients is " + sum);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void withoutZeroGradASecondBackwardAddsTheSecondBatchsGradient(DType dtype) {
        Setup s = Setup.of(dtype);
        Map<String, double[]> g1 = matrixEngineGradient(s.first(), dtype);
        Map<String, double[]> g2 = matrixEngineGradient(s.second(), dtype);
        s.optimizer().zeroGrad();
        s.backwardOn(s.first(), Tensor::backward);
        assertIsExactlyTheSum(s.gradients(), dtype, g1);
        s.backwardOn(s.second(), Tensor::backward);
        assertIsExactlyTheSum(s.gradients(), dtype, g1, g2);
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void withZeroGradTheSecondBatchsGradientAlone(DType dtype) {
        Setup s = Setup.of(dtype);
        Map<String, double[]> g2 = matrixEngineGradient(s.second(), dtype);
        s.optimizer().zeroGrad();
        s.backwardOn(s.first(), Tensor::backward);
        s.optimizer().zeroGrad();
        s.backwardOn(s.second(), Tensor::backward);
        assertIsExactlyTheSum(s.gradients(), dtype, g2);
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void aSecondBackwardOnTheSameGraphDoublesTheGradient(DType dtype) {
        Setup s = Setup.of(dtype);
        Map<String, double[]> g1 = matrixEngineGradient(s.first(), dtype);
        s.optimizer().zeroGrad();
        Tensor loss = s.criterion().apply(s.model().forward(Tensor.constant(s.first().features())), s.first().labels());
        loss.backward();
        loss.backward();
        assertIsExactlyTheSum(s.gradients(), dtype, g1, g1);
    }

    /** The twin: an implementation that overwrites instead of accumulating fails the same assertion. */
    @ParameterizedTest
    @EnumSource(DType.class)
    void anOverwritingBackpropIsCaughtByTheSameAssertion(DType dtype) {
        Setup s = Setup.of(dtype);
        Map<String, double[]> g1 = matrixEngineGradient(s.first(), dtype);
        Map<String, double[]> g2 = matrixEngineGradient(s.second(), dtype);
        s.optimizer().zeroGrad();
        s.backwardOn(s.first(), OVERWRITING::run);
        s.backwardOn(s.second(), OVERWRITING::run);
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> assertIsExactlyTheSum(s.gradients(), dtype, g1, g2));
        assertTrue(e.getMessage().startsWith("gradient 0_W[0] is "), e.getMessage());
    }
}
