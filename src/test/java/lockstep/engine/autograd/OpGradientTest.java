package lockstep.engine.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import lockstep.engine.EngineComponents;
import lockstep.engine.Parameter;
import lockstep.engine.activations.Softmax;
import lockstep.gradcheck.GradientCheck;
import lockstep.linalg.ConvShape;
import lockstep.linalg.DType;
import lockstep.linalg.Matrix;
import lockstep.rand.SplitMix64;
import lockstep.spec.ActivationType;
import lockstep.spec.LossType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each op's backward against central finite differences of its forward (micrograd's test, with
 * DL4J's GradientCheckUtil criteria from {@link GradientCheck}), composed so that the gradient
 * arriving at the op varies from element to element; the graph mechanics (a tensor used twice,
 * constants, scalars); and DL4J's dL/dz = (p - y)/B for MCXENT with softmax, computed by hand.
 */
class OpGradientTest {
    private static final EngineComponents ENGINE = new EngineComponents();

    /** A leaf with random values in [-1, 1), wrapped as an engine Parameter for GradientCheck. */
    private record Leaf(Parameter parameter, Tensor tensor) {
        /** A distinct key per leaf; the gradient check keys its results by parameter name only. */
        private static final java.util.concurrent.atomic.AtomicInteger NEXT = new java.util.concurrent.atomic.AtomicInteger();

        static Leaf random(int rows, int cols, long seed) {
            Parameter p = new Parameter(lockstep.spec.ParameterKey.weights(NEXT.getAndIncrement()),
                    OpGradientTest.random(rows, cols, seed));
            return new Leaf(p, Tensor.parameter(p.value(), p.gradient()));
        }
    }

    static Matrix random(int rows, int cols, long seed) {
        SplitMix64 rng = new SplitMix64(seed);
        Matrix m = Matrix.zeros(DType.DOUBLE, rows, cols);
        for (int i = 0; i < m.size(); i++) {
            m.set(i, 2 * rng.nextDouble() - 1);
        }
        return m;
    }

    /** A non-uniform weighting so that d(scalar)/d(result) differs per element: sum(tanh(t)·C), C [n,1] constant. */
    private static Tensor scalarOf(Tensor t) {
        Tensor c = Tensor.constant(random(t.cols(), 1, 99));
        return t.apply(ENGINE.activation(ActivationType.TANH)).matmul(c).sum();
    }

    /**
     * Runs {@code backward} on f() with fresh gradients and compares every leaf's gradient with finite
     * differences of f; returns the per-leaf worst elements.
     */
    private static List<GradientCheck.ParameterResult> check(Supplier<Tensor> f, Consumer<Tensor> backward, Leaf... leaves) {
        for (Leaf l : leaves) {
            l.tensor().zeroGrad();
        }
        backward.accept(f.get());
        Map<String, double[]> analytic = new LinkedHashMap<>();
        List<Parameter> params = new ArrayList<>();
        for (Leaf l : leaves) {
            analytic.put(l.parameter().name(), l.tensor().grad().toDoubleArray());
            params.add(l.parameter());
        }
        return GradientCheck.check(params, analytic, () -> f.get().item());
    }

    private static void assertMatchesFiniteDifferences(Supplier<Tensor> f, Leaf... leaves) {
        for (GradientCheck.ParameterResult r : check(f, Tensor::backward, leaves)) {
            assertTrue(r.passed(), () -> "finite differences disagree: " + r);
        }
    }

    @Test
    void matmulGradientsOfBothFactors() {
        Leaf a = Leaf.random(5, 3, 1);
        Leaf b = Leaf.random(3, 4, 2);
        assertMatchesFiniteDifferences(() -> scalarOf(a.tensor().matmul(b.tensor())), a, b);
    }

    @Test
    void rowVectorBiasGradientSumsOverTheRows() {
        Leaf x = Leaf.random(5, 4, 3);
        Leaf b = Leaf.random(1, 4, 4);
        assertMatchesFiniteDifferences(() -> scalarOf(x.tensor().addRowVector(b.tensor())), x, b);
    }

    @Test
    void rowVectorSubtractionMultiplicationAndDivision() {
        Leaf x = Leaf.random(5, 4, 31);
        Leaf v = Leaf.random(1, 4, 32);
        assertMatchesFiniteDifferences(() -> scalarOf(x.tensor().subRowVector(v.tensor())), x, v);
        assertMatchesFiniteDifferences(() -> scalarOf(x.tensor().mulRowVector(v.tensor())), x, v);
        Leaf away = Leaf.random(1, 4, 32);
        for (int i = 0; i < 4; i++) {
            away.parameter().value().set(i, away.parameter().value().get(i) + 2.0);          // v + 2, away from 0
        }
        assertMatchesFiniteDifferences(() -> scalarOf(x.tensor().divRowVector(away.tensor())), x, away);
    }

    @Test
    void elementwiseProductAlsoOfATensorWithItself() {
        Leaf x = Leaf.random(4, 3, 33);
        Leaf y = Leaf.random(4, 3, 34);
        assertMatchesFiniteDifferences(() -> scalarOf(x.tensor().mul(y.tensor())), x, y);
        assertMatchesFiniteDifferences(() -> scalarOf(x.tensor().mul(x.tensor())), x);
    }

    @Test
    void theRowMaximum() {
        Leaf x = Leaf.random(6, 4, 36);
        assertMatchesFiniteDifferences(() -> scalarOf(x.tensor().rowMax()), x);
    }

    /** Batch normalisation's one node: dv, dγ and dβ, on columns of unequal mean and spread. */
    @Test
    void batchNormalisation() {
        Leaf v = Leaf.random(7, 3, 40);
        Leaf gamma = Leaf.random(1, 3, 41);
        Leaf beta = Leaf.random(1, 3, 42);
        assertMatchesFiniteDifferences(() -> scalarOf(BatchNormOp.apply(v.tensor(), gamma.tensor(), beta.tensor(), 1e-5, op -> { })),
                v, gamma, beta);
    }

    @Test
    void transposeReshapeAndChannelPermutations() {
        Leaf x = Leaf.random(3, 8, 37);
        assertMatchesFiniteDifferences(() -> scalarOf(x.tensor().transpose()), x);
        assertMatchesFiniteDifferences(() -> scalarOf(x.tensor().reshape(6, 4)), x);
        assertMatchesFiniteDifferences(() -> scalarOf(x.tensor().channelsLast(2)), x);         // [3, 2·4] -> [12, 2]
        assertMatchesFiniteDifferences(() -> scalarOf(x.tensor().channelsLast(1)), x);         // one channel: [24, 1]
        Leaf y = Leaf.random(8, 3, 39);
        assertMatchesFiniteDifferences(() -> scalarOf(y.tensor().channelsFirst(4)), y);        // [2·4, 3] -> [2, 3·4]
    }

    @Test
    void unfoldWithPaddingSendsEachWindowsGradientBackToItsInputs() {
        Leaf x = Leaf.random(2, 2 * 4 * 5, 38);                                   // 2 examples of 2x4x5
        ConvShape same = ConvShape.same(2, 4, 5, 3, 2, 2, 1);
        assertMatchesFiniteDifferences(() -> scalarOf(x.tensor().unfold(same, 0.0)), x);
    }

    static Stream<ActivationType> everyActivation() {
        return Arrays.stream(ActivationType.values());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyActivation")
    void everyActivationDelegatesItsDerivativeToTheEngine(ActivationType type) {
        Leaf z = Leaf.random(5, 4, 5);
        assertMatchesFiniteDifferences(() -> z.tensor().apply(ENGINE.activation(type)).matmul(
                Tensor.constant(random(4, 1, 6))).sum(), z);
    }

    @Test
    void sumAndMean() {
        Leaf x = Leaf.random(3, 4, 7);
        assertMatchesFiniteDifferences(() -> x.tensor().apply(ENGINE.activation(ActivationType.SIGMOID)).sum(), x);
        assertMatchesFiniteDifferences(() -> x.tensor().apply(ENGINE.activation(ActivationType.SIGMOID)).mean(), x);
    }

    static Stream<ActivationType> outputsForMse() {
        return Stream.of(ActivationType.IDENTITY, ActivationType.TANH, ActivationType.SIGMOID, ActivationType.SOFTMAX);
    }

    @ParameterizedTest(name = "MSE after {0}")
    @MethodSource("outputsForMse")
    void mseThroughItsOutputActivation(ActivationType output) {
        Leaf z = Leaf.random(6, 3, 8);
        Matrix y = random(6, 3, 9);
        Criterion mse = Criterion.of(LossType.MSE);
        assertMatchesFiniteDifferences(() -> mse.apply(z.tensor().apply(ENGINE.activation(output)), y), z);
    }

    @Test
    void mseOnATensorNoActivationMade() {
        Leaf w = Leaf.random(4, 3, 10);
        Tensor x = Tensor.constant(random(6, 4, 11));
        Matrix y = random(6, 3, 12);
        assertMatchesFiniteDifferences(() -> Criterion.of(LossType.MSE).apply(x.matmul(w.tensor()), y), w);
    }

    @Test
    void mcxentWithSoftmax() {
        Leaf z = Leaf.random(6, 3, 13);
        Matrix y = oneHot(6, 3, 14);
        assertMatchesFiniteDifferences(() -> Criterion.of(LossType.MCXENT).apply(z.tensor().softmax(), y), z);
    }

    /** DL4J's LossMCXENT with softmax: dL/dz = (p - y)/B exactly, p the softmax output (not the softmax Jacobian times -y/(B·p)). */
    @Test
    void mcxentWithSoftmaxGivesExactlyPMinusYOverB() {
        Tensor z = Tensor.variable(random(6, 3, 15));
        Matrix y = oneHot(6, 3, 16);
        Tensor p = z.softmax();
        Criterion.of(LossType.MCXENT).apply(p, y).backward();
        Matrix expected = Matrix.zeros(DType.DOUBLE, 6, 3);
        new Softmax().forward(z.data(), expected);
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(Double.doubleToLongBits((expected.get(i) - y.get(i)) / 6), Double.doubleToLongBits(z.grad().get(i)),
                    "dL/dz element " + i);
        }
        assertNull(p.grad(), "the loss is fused with the softmax: the gradient goes to z directly");
    }

    /** W [4,4] used by two layers: tanh(tanh(x·W)·W); both contributions must reach W.grad. */
    private static Tensor twiceUsed(Tensor x, Leaf w) {
        Tensor tanhW = x.matmul(w.tensor()).apply(ENGINE.activation(ActivationType.TANH));
        return scalarOf(tanhW.matmul(w.tensor()));
    }

    @Test
    void aTensorUsedTwiceGetsBothContributions() {
        Leaf w = Leaf.random(4, 4, 17);
        Tensor x = Tensor.constant(random(5, 4, 18));
        assertMatchesFiniteDifferences(() -> twiceUsed(x, w), w);
    }

    /** The twin: a backprop that overwrites a gradient instead of adding to it loses one of the two contributions. */
    @Test
    void anOverwritingBackpropFailsTheCheckOnATensorUsedTwice() {
        Leaf w = Leaf.random(4, 4, 17);
        Tensor x = Tensor.constant(random(5, 4, 18));
        List<GradientCheck.ParameterResult> r = check(() -> twiceUsed(x, w), GradientAccumulationTest.OVERWRITING::run, w);
        assertFalse(r.get(0).passed(), () -> "an overwriting backprop passed: " + r);
    }

    @Test
    void opsOnConstantsRecordNothing() {
        Tensor x = Tensor.constant(random(3, 2, 19));
        Tensor y = x.matmul(Tensor.constant(random(2, 2, 20))).softmax();
        assertFalse(y.requiresGrad());
        assertNull(y.creator());
        assertThrows(IllegalStateException.class, () -> y.sum().backward());
        Tensor w = Tensor.variable(random(2, 2, 21));
        Tensor out = x.matmul(w).sum();
        out.backward();
        assertNull(x.grad(), "a constant gets no gradient");
        assertEquals("sum", out.creator().name());
        assertEquals("matmul", out.creator().inputs().get(0).creator().name());
    }

    @Test
    void backwardNeedsAScalar() {
        Tensor w = Tensor.variable(random(2, 2, 22));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> w.matmul(w).backward());
        assertTrue(e.getMessage().contains("[1,1]"), e.getMessage());
    }

    @Test
    void shapesThatDoNotFitAreNamed() {
        Tensor a = Tensor.variable(random(2, 3, 23));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.matmul(a));
        assertEquals("matmul: DOUBLE[2,3] · DOUBLE[2,3] do not fit", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Tensor.parameter(random(2, 3, 24), random(3, 2, 25)));
        assertEquals("gradient buffer of a parameter tensor: expected DOUBLE[2,3] but got DOUBLE[3,2]", e.getMessage());
    }

    static Matrix oneHot(int rows, int classes, long seed) {
        SplitMix64 rng = new SplitMix64(seed);
        Matrix m = Matrix.zeros(DType.DOUBLE, rows, classes);
        for (int r = 0; r < rows; r++) {
            m.set(r, rng.nextInt(classes), 1.0);
        }
        return m;
    }
}
