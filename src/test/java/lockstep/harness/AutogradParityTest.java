package lockstep.harness;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import lockstep.comparison.Divergence;
import lockstep.comparison.Quantity;
import lockstep.comparison.StepComparison;
import lockstep.comparison.StepSnapshot;
import lockstep.comparison.TolerancePolicy;
import lockstep.data.Dataset;
import lockstep.data.Datasets;
import lockstep.data.EpochPlan;
import lockstep.data.SeededShuffler;
import lockstep.engine.EngineComponents;
import lockstep.engine.autograd.Sequential;
import lockstep.linalg.DType;
import lockstep.report.ParityReport;
import lockstep.spec.ActivationType;
import lockstep.spec.LayerSpec;
import lockstep.spec.LossType;
import lockstep.spec.NetworkSpec;
import lockstep.spec.RunSpec;
import lockstep.spec.SpecJson;
import lockstep.spec.UpdaterSpec;
import lockstep.spec.UpdaterType;
import lockstep.spec.WeightInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.opentest4j.AssertionFailedError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Autograd, matrix engine and DL4J agree step by step, for every activation and both losses: the
 * autograd's loss, gradients, updates, parameters and updater state equal the matrix engine's within
 * 1e-12 relative (they are in fact bit-identical, as both run the same kernels in the same order), and
 * a lockstep run of the autograd engine against DL4J passes the harness's step and trajectory checks.
 * Each comparison has a twin with a planted autograd bug that it must catch.
 */
public class AutogradParityTest {
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
        // a linear network on raw Iris features at lr 0.05 diverges within 5 steps (loss 4e42; DL4J's FLOAT loss overflows)
        double lr = cube ? 1e-4 : activation == ActivationType.IDENTITY ? 0.01 : 0.05;
        NetworkSpec net = new NetworkSpec(List.of(new LayerSpec(4, 6, hidden), new LayerSpec(6, 3, output)),
                loss, WeightInit.XAVIER_UNIFORM, new UpdaterSpec(UpdaterType.SGD, lr));
        return RunSpec.irisDefault().withNetwork(net)
                .withTraining(RunSpec.irisDefault().training().withDataType(dtype).withEpochs(1).withBatchSize(32));
    }

    public static Stream<Arguments> everyActivationAndLoss() {
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

    /** Dropout on the inputs of both layers (DL4J applies a layer's dropout to its input). */
    private static RunSpec dropout(DType dtype) {
        return SpecJson.parse("""
                { "network": { "layers": [ {"nIn": 4, "nOut": 8, "activation": "RELU", "dropout": 0.9},
                                           {"nIn": 8, "nOut": 3, "activation": "SOFTMAX", "dropout": 0.7} ],
                               "loss": "MCXENT", "updater": {"type": "ADAM", "learningRate": 0.01} },
                  "training": { "batchSize": 16, "epochs": 1, "seed": 5, "dataType": "%s" } }""".formatted(dtype), "dropout");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bothTypes")
    void dropoutOnTheAutogradPathIsTheMatrixEnginesAndDl4js(DType dtype) {
        RunSpec spec = dropout(dtype);
        assertEquals(0.0, assertAgreesWithMatrixEngine(spec, Function.identity()), "the same masks: bit-identical");
        LockstepResult r = lockstep(spec, AutogradTrainer.FACTORY);
        assertTrue(r.passed(), () -> ParityReport.verdictLine(r));
        assertEquals(10, r.steps());
    }

    static Stream<DType> bothTypes() {
        return Stream.of(DType.DOUBLE, DType.FLOAT);
    }

    /** The twin: dropout that reuses the first step's masks at every step is caught at step 2, against DL4J too. */
    @Test
    void dropoutThatNeverDrawsANewMaskIsCaught() {
        RunSpec spec = dropout(DType.DOUBLE);
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> assertAgreesWithMatrixEngine(spec, AutogradParityTest::frozenMasks));
        assertTrue(e.getMessage().startsWith("step 2: "), e.getMessage());
        LockstepResult r = lockstep(spec, (net, dtype, seed, c) -> AutogradTrainer.of(
                frozenMasks(Sequential.from(net, dtype, seed, c)), net, c));
        assertFalse(r.passed(), "frozen masks passed");
        assertEquals(2, r.divergence().globalStep());
    }

    /** The model with every Dropout replaced by one that always uses iteration 0's mask. */
    private static Sequential frozenMasks(Sequential model) {
        return new Sequential(model.modules().stream().map(m -> m instanceof lockstep.engine.autograd.Dropout d
                ? (lockstep.engine.autograd.Module) x -> {
                    d.setIteration(0);
                    return d.forward(x);
                } : m).toList());
    }

    /** An epoch-based schedule: the learning rate halves every epoch, so epoch 2's updates are half of what epoch 0 would give. */
    private static RunSpec epochSchedule() {
        return SpecJson.parse("""
                { "network": { "layers": [ {"nIn": 4, "nOut": 6, "activation": "TANH"}, {"nIn": 6, "nOut": 3, "activation": "SOFTMAX"} ],
                               "loss": "MCXENT", "updater": {"type": "NESTEROVS", "learningRate": 0.05,
                               "schedule": {"type": "STEP", "unit": "EPOCH", "decayRate": 0.5, "step": 1}} },
                  "training": { "batchSize": 32, "epochs": 3, "seed": 11, "dataType": "DOUBLE" } }""", "epoch schedule");
    }

    @Test
    void anEpochBasedScheduleSeesTheEpochOnTheAutogradPathToo() {
        LockstepResult r = lockstep(epochSchedule(), AutogradTrainer.FACTORY);
        assertTrue(r.passed(), () -> ParityReport.verdictLine(r));
        assertEquals(15, r.steps());
    }

    /** The twin: an autograd trainer that never hears of the epoch diverges at the first step of epoch 2. */
    @Test
    void anAutogradTrainerThatIgnoresTheEpochIsCaught() {
        LockstepResult r = lockstep(epochSchedule(), (net, dtype, seed, c) -> new EpochDeafTrainer(AutogradTrainer.of(net, dtype, seed, c)));
        assertFalse(r.passed(), "the schedule was ignored and yet it passed");
        assertEquals(6, r.divergence().globalStep(), "the first step of epoch 2 (5 steps per epoch)");
        assertEquals(Quantity.UPDATE, r.divergence().quantity());
    }

    /** Passes everything to the autograd trainer except the epoch. */
    private record EpochDeafTrainer(AutogradTrainer inner) implements Trainer {
        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public Map<String, double[]> parameters() {
            return inner.parameters();
        }

        @Override
        public Map<String, int[]> parameterShapes() {
            return inner.parameterShapes();
        }

        @Override
        public void setParameters(Map<String, double[]> values) {
            inner.setParameters(values);
        }

        @Override
        public Map<String, double[]> updaterState() {
            return inner.updaterState();
        }

        @Override
        public void setUpdaterState(Map<String, double[]> state) {
            inner.setUpdaterState(state);
        }

        @Override
        public StepSnapshot step(lockstep.data.Batch batch) {
            return inner.step(batch);
        }
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
