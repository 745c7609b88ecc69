package lockstep.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import lockstep.data.Dataset;
import lockstep.data.Datasets;
import lockstep.data.EpochPlan;
import lockstep.data.SeededShuffler;
import lockstep.engine.EngineComponents;
import lockstep.engine.autograd.Sequential;
import lockstep.linalg.DType;
import lockstep.spec.ActivationType;
import lockstep.spec.LayerSpec;
import lockstep.spec.LossType;
import lockstep.spec.NetworkSpec;
import lockstep.spec.RunSpec;
import lockstep.spec.UpdaterSpec;
import lockstep.spec.UpdaterType;
import lockstep.spec.WeightInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.opentest4j.AssertionFailedError;

/**
 * Autograd, matrix engine and DL4J agree step by step, for every activation and both losses: the
 * autograd's loss, gradients, updates, parameters and updater state equal the matrix engine's within
 * 1e-12 relative (they are in fact bit-identical, as both run the same kernels in the same order), and
 * a lockstep run of the autograd engine against DL4J passes the harness's step and trajectory checks.
 * Each comparison has a twin with a planted autograd bug that it must catch.
 */
class AutogradParityTest {
    static final double MATRIX_ENGINE_TOLERANCE = 1e-12;
    private static final Dataset IRIS = Datasets.iris();

    /**
     * A 4-6-3 network: the activation in the hidden layer (and, for MSE, in the output layer too; x³ of
     * x³ of raw Iris features overflows, so CUBE with MSE has a tanh hidden layer).
     */
    static RunSpec spec(ActivationType activation, LossType loss, DType dtype) {
        boolean cube = activation == ActivationType.CUBE;
        ActivationType hidden = cube && loss == LossType.MSE ? ActivationType.TANH : activation;
        ActivationType output = loss == LossType.MCXENT ? ActivationType.SOFTMAX : activation;
        double lr = cube ? 1e-4 : 0.05;
        NetworkSpec net = new NetworkSpec(List.of(new LayerSpec(4, 6, hidden), new LayerSpec(6, 3, output)),
                loss, WeightInit.XAVIER_UNIFORM, new UpdaterSpec(UpdaterType.SGD, lr));
        return RunSpec.irisDefault().withNetwork(net)
                .withTraining(RunSpec.irisDefault().training().withDataType(dtype).withEpochs(1).withBatchSize(32));
    }

    static Stream<Arguments> everyActivationAndLoss() {
        return Arrays.stream(ActivationType.values())
                .flatMap(a -> Stream.of(Arguments.of(a, LossType.MCXENT), Arguments.of(a, LossType.MSE)));
    }

    static Stream<Arguments> floatSubset() {
        return Stream.of(Arguments.of(ActivationType.TANH, LossType.MCXENT), Arguments.of(ActivationType.RELU, LossType.MCXENT),
                Arguments.of(ActivationType.SIGMOID, LossType.MSE), Arguments.of(ActivationType.IDENTITY, LossType.MSE),
                Arguments.of(ActivationType.SOFTMAX, LossType.MSE));
    }

    @ParameterizedTest(name = "{0} {1} DOUBLE")
    @MethodSource("everyActivationAndLoss")
    void agreesWithTheMatrixEngineAndDl4jInDouble(ActivationType activation, LossType loss) {
        agreesWithTheMatrixEngineAndDl4j(spec(activation, loss, DType.DOUBLE));
    }

    @ParameterizedTest(name = "{0} {1} FLOAT")
    @MethodSource("floatSubset")
    void agreesWithTheMatrixEngineAndDl4jInFloat(ActivationType activation, LossType loss) {
        agreesWithTheMatrixEngineAndDl4j(spec(activation, loss, DType.FLOAT));
    }

    private static void agreesWithTheMatrixEngineAndDl4j(RunSpec spec) {
        double worst = assertAgreesWithMatrixEngine(spec, Function.identity());
        assertEquals(0.0, worst, "autograd and matrix engine run the same kernels in the same order: bit-identical");
        LockstepResult r = lockstep(spec, AutogradTrainer.FACTORY);
        assertTrue(r.passed(), () -> ParityReport.verdictLine(r));
        assertEquals(5, r.steps());
    }

    @Test
    void theMatrixEngineComparisonCatchesAPlantedBiasGradientBug() {
        RunSpec spec = spec(ActivationType.TANH, LossType.MCXENT, DType.DOUBLE);
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> assertAgreesWithMatrixEngine(spec, PlantedAutogradBugs::biasGradientOfTheFirstExampleOnly));
        assertTrue(e.getMessage().startsWith("step 1: gradients 1_b[0]"), e.getMessage());
    }

    @Test
    void theLockstepRunAgainstDl4jCatchesAPlantedBiasGradientBug() {
        RunSpec spec = spec(ActivationType.TANH, LossType.MCXENT, DType.DOUBLE);
        LockstepResult r = lockstep(spec, (net, dtype, seed, c) -> AutogradTrainer.of(
                PlantedAutogradBugs.biasGradientOfTheFirstExampleOnly(Sequential.from(net, dtype, seed, c)), net, c));
        assertFalse(r.passed(), "a planted bug passed");
        Divergence d = r.divergence();
        assertEquals(1, d.globalStep());
        assertEquals(Quantity.GRADIENT, d.quantity());
        assertEquals("1_b", d.parameter());
    }

    static LockstepResult lockstep(RunSpec spec, EngineFactory engine) {
        return new LockstepRun(spec, IRIS, new EngineComponents(), TolerancePolicy.defaultFor(spec.training().dataType()))
                .withEngine(engine).run(e -> { });
    }

    /**
     * Trains the autograd engine ({@code twist} applied to its model) and the matrix engine from the
     * same spec and seed on the batches of the spec's first epoch and compares, after every step, loss,
     * gradients, updates, parameters and updater state element by element by the plain relative
     * difference |a - m| / max(|a|, |m|); throws at the first one above {@link #MATRIX_ENGINE_TOLERANCE},
     * naming it. Returns the worst difference.
     */
    static double assertAgreesWithMatrixEngine(RunSpec spec, Function<Sequential, Sequential> twist) {
        DType dtype = spec.training().dataType();
        long seed = spec.training().seed();
        EngineComponents c = new EngineComponents();
        Trainer autograd = AutogradTrainer.of(twist.apply(Sequential.from(spec.network(), dtype, seed, c)), spec.network(), c);
        Trainer matrix = EngineFactory.MATRIX.create(spec.network(), dtype, seed, c);
        double worst = compare("initial parameters", autograd.parameters(), matrix.parameters());
        List<int[]> batches = EpochPlan.batches(new SeededShuffler(seed).order(IRIS.size(), 1), spec.training().batchSize());
        for (int s = 0; s < batches.size(); s++) {
            StepSnapshot a = autograd.step(IRIS.batch(batches.get(s), dtype));
            StepSnapshot m = matrix.step(IRIS.batch(batches.get(s), dtype));
            String step = "step " + (s + 1) + ": ";
            worst = Math.max(worst, compare(step + "loss", Map.of("", new double[] {a.loss()}), Map.of("", new double[] {m.loss()})));
            worst = Math.max(worst, compare(step + "gradients", a.gradients(), m.gradients()));
            worst = Math.max(worst, compare(step + "updates", a.updates(), m.updates()));
            worst = Math.max(worst, compare(step + "parameters", a.parameters(), m.parameters()));
            worst = Math.max(worst, compare(step + "updater state", a.updaterState(), m.updaterState()));
        }
        return worst;
    }

    /** Output layer first, as backpropagation computes them, so a bug is named where it starts. */
    private static double compare(String what, Map<String, double[]> autograd, Map<String, double[]> matrix) {
        assertEquals(matrix.keySet(), autograd.keySet(), what + ": keys");
        double worst = 0.0;
        for (String key : StepComparison.backpropOrder(matrix.keySet())) {
            double[] a = autograd.get(key);
            double[] m = matrix.get(key);
            for (int i = 0; i < m.length; i++) {
                double diff = Math.abs(a[i] - m[i]);
                double rel = diff == 0.0 ? 0.0 : diff / Math.max(Math.abs(a[i]), Math.abs(m[i]));
                if (!(rel <= MATRIX_ENGINE_TOLERANCE)) {
                    throw new AssertionFailedError(what + " " + key + "[" + i + "]: autograd " + a[i] + ", matrix engine "
                            + m[i] + ", relative difference " + rel + " > " + MATRIX_ENGINE_TOLERANCE);
                }
                worst = Math.max(worst, rel);
            }
        }
        return worst;
    }
}
