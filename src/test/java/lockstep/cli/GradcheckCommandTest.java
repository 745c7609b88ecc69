package lockstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import lockstep.data.Datasets;
import lockstep.engine.Parameter;
import lockstep.engine.autograd.BatchNorm;
import lockstep.engine.autograd.Module;
import lockstep.engine.autograd.Sequential;
import lockstep.engine.autograd.Tensor;
import lockstep.gradcheck.FourWayGradientCheck;
import lockstep.harness.PlantedAutogradBugs;
import lockstep.linalg.DType;
import lockstep.report.GradcheckJson;
import lockstep.spec.RunSpec;
import org.junit.jupiter.api.Test;

/** {@code lockstep gradcheck}: the four-way table, its verdict and exit code, bad input, and a planted bug it must report. */
class GradcheckCommandTest {

    @Test
    void theIrisDefaultAgreesFourWays() {
        CommandOutput r = CommandOutput.of("gradcheck");
        assertEquals(Main.EXIT_PASS, r.exitCode(), r.out() + r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals("lockstep gradcheck  iris  4-16(tanh)-3(softmax)  MCXENT  batch 16  DOUBLE  seed 42", lines.get(0));
        assertTrue(lines.get(2).matches("parameter\\s+shape\\s+max \\|g\\|\\s+autograd:matrix\\s+autograd:dl4j\\s+matrix:dl4j\\s+autograd:finite-diff"),
                lines.get(2));
        for (int i = 0; i < 4; i++) {
            String row = lines.get(3 + i);
            assertTrue(row.startsWith(List.of("0_W        [4,16]", "0_b        [16]", "1_W        [16,3]", "1_b        [3]").get(i)), row);
            assertTrue(row.split("\\s+")[3].equals("0"), () -> "autograd and matrix engine are bit-identical: " + row);
            assertFalse(row.contains("FAIL"), row);
        }
        assertEquals("PASS  4 parameters: finite differences, matrix engine, autograd and DL4J agree", lines.get(8));
    }

    @Test
    void specSeedAndBatchAreHonoured() throws Exception {
        CommandOutput r = CommandOutput.of("gradcheck", "--json", "--spec", "examples/iris-deep-mse.json", "--seed", "3",
                "--batch", "8");
        assertEquals(Main.EXIT_PASS, r.exitCode(), r.out() + r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals("PASS", j.get("verdict").asText());
        assertEquals(8, j.get("batch").size());
        assertEquals(List.of("0_W", "0_b", "1_W", "1_b", "2_W", "2_b"),
                java.util.stream.StreamSupport.stream(j.get("parameters").spliterator(), false)
                        .map(p -> p.get("parameter").asText()).toList());
        CommandOutput otherSeed = CommandOutput.of("gradcheck", "--json", "--spec", "examples/iris-deep-mse.json", "--seed", "4",
                "--batch", "8");
        assertFalse(new ObjectMapper().readTree(otherSeed.out()).get("parameters").equals(j.get("parameters")),
                "another seed draws other parameters, so other gradients");
    }

    @Test
    void aPlantedBiasGradientBugIsReportedAsAFailure() {
        RunSpec spec = RunSpec.irisDefault();
        Sequential faulty = PlantedAutogradBugs.biasGradientOfTheFirstExampleOnly(
                Sequential.from(spec.network(), DType.DOUBLE, spec.training().seed()));
        FourWayGradientCheck.Result result = FourWayGradientCheck.run(spec, Datasets.iris(), faulty, null);
        assertFalse(result.passed());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GradcheckCommand.print(result, null, new PrintStream(out, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        List<String> lines = text.lines().toList();
        assertFalse(lines.get(3).contains("FAIL"), "0_W is right: " + lines.get(3));
        assertTrue(lines.get(4).startsWith("0_b") && lines.get(4).split("FAIL", -1).length == 4,
                () -> "0_b disagrees with the matrix engine, DL4J and finite differences: " + lines.get(4));
        assertTrue(lines.get(8).startsWith("FAIL  0_b: [0] autograd "), text);
        assertTrue(lines.get(8).contains("matrix engine"), text);
    }

    @Test
    void jsonCarriesEveryPairPerParameter() throws Exception {
        CommandOutput r = CommandOutput.of("gradcheck", "--json");
        assertEquals(Main.EXIT_PASS, r.exitCode(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals("PASS", j.get("verdict").asText());
        assertEquals(16, j.get("batch").size());
        assertEquals(4, j.get("parameters").size());
        for (JsonNode p : j.get("parameters")) {
            assertEquals(0.0, p.get("autogradVsMatrix").get("worstRelativeDifference").asDouble(), p.toString());
            assertTrue(p.get("autogradVsFiniteDifferences").get("worstRelativeDifference").asDouble() < 1e-3, p.toString());
            assertTrue(p.get("matrixVsDl4j").get("passed").asBoolean(), p.toString());
        }
    }

    /** The twin: the planted bias bug shows in the JSON as failed pairs with the first bad element's values. */
    @Test
    void jsonOfAPlantedBugNamesTheFailedPairs() throws Exception {
        RunSpec spec = RunSpec.irisDefault();
        Sequential faulty = PlantedAutogradBugs.biasGradientOfTheFirstExampleOnly(
                Sequential.from(spec.network(), DType.DOUBLE, spec.training().seed()));
        JsonNode j = new ObjectMapper().readTree(GradcheckJson.of(FourWayGradientCheck.run(spec, Datasets.iris(), faulty, null), "matrix"));
        assertEquals("FAIL", j.get("verdict").asText());
        JsonNode bias = j.get("parameters").get(1);
        assertEquals("0_b", bias.get("parameter").asText());
        JsonNode pair = bias.get("autogradVsMatrix");
        assertFalse(pair.get("passed").asBoolean());
        assertEquals(0, pair.get("firstFailIndex").asInt());
        assertTrue(pair.get("autograd").asDouble() != pair.get("matrix").asDouble(), pair.toString());
        assertFalse(bias.get("autogradVsFiniteDifferences").get("passed").asBoolean());
        assertTrue(bias.get("matrixVsDl4j").get("passed").asBoolean(), "the matrix engine and DL4J still agree");
    }

    @Test
    void withDropoutAllFourUseTheFirstStepsMasks() throws Exception {
        CommandOutput r = CommandOutput.of("gradcheck", "--json", "--spec", "examples/iris-early-stopping.json");
        assertEquals(Main.EXIT_PASS, r.exitCode(), r.out() + r.err());
        assertEquals("PASS", new ObjectMapper().readTree(r.out()).get("verdict").asText());
    }

    /** The twin: an autograd model that forgot its dropout disagrees with the matrix engine and DL4J. */
    @Test
    void anAutogradModelWithoutItsDropoutIsCaught() {
        RunSpec spec = lockstep.spec.SpecJson.read(java.nio.file.Path.of("examples/iris-early-stopping.json"));
        Sequential full = Sequential.from(spec.network(), DType.DOUBLE, spec.training().seed());
        Sequential withoutDropout = new Sequential(full.modules().stream()
                .filter(m -> !(m instanceof lockstep.engine.autograd.Dropout)).toList());
        FourWayGradientCheck.Result result = FourWayGradientCheck.run(spec, Datasets.iris(), withoutDropout, null);
        assertFalse(result.passed());
        FourWayGradientCheck.Row last = result.rows().get(3);
        assertFalse(last.autogradVsMatrix().passed() || last.autogradVsDl4j().passed(), "1_b differs from both");
        assertTrue(last.matrixVsDl4j().passed(), "the matrix engine and DL4J still agree");
        assertTrue(last.finiteDifferences().passed(), "finite differences check the autograd's own function");
    }

    /**
     * On a dense network autograd and matrix engine run the same kernels, so their limit is the plain 1e-12, not the
     * step check's 1e-10: an autograd model whose first layer's output is scaled by 1 + 2e-12 fails autograd:matrix on
     * every parameter of that layer and passes against DL4J and finite differences.
     */
    @Test
    void onADenseNetworkAutogradAndMatrixEngineAreHeldToThePlainLimit() {
        RunSpec spec = RunSpec.irisDefault();
        Sequential model = Sequential.from(spec.network(), DType.DOUBLE, spec.training().seed());
        List<Module> modules = new java.util.ArrayList<>(model.modules());
        Module first = modules.get(0);
        Tensor scale = Tensor.constant(lockstep.linalg.Matrix.of(DType.DOUBLE, 1, 16, java.util.stream.DoubleStream
                .generate(() -> 1 + 2e-12).limit(16).toArray()));
        modules.set(0, new Module() {
            @Override
            public Tensor forward(Tensor x) {
                return first.forward(x).mulRowVector(scale);
            }

            @Override
            public List<Parameter> parameters() {
                return first.parameters();
            }
        });
        FourWayGradientCheck.Result result = FourWayGradientCheck.run(spec, Datasets.iris(), new Sequential(modules), null);
        FourWayGradientCheck.Row w = result.rows().get(0);
        assertEquals("0_W", w.parameter());
        assertFalse(w.autogradVsMatrix().passed(), "2e-12 is over the plain 1e-12");
        assertTrue(w.autogradVsDl4j().passed(), () -> "under the step check's 1e-10: " + w.autogradVsDl4j());
        assertTrue(w.finiteDifferences().passed(), () -> "finite differences: " + w.finiteDifferences());
    }

    /**
     * A convolutional network (conv Same, batch norm, max pooling, softmax on Iris as 2x2 images): four ways agree on
     * every parameter with a gradient; batch normalisation's running statistics are not gradients and are left out.
     */
    @Test
    void aConvolutionalNetworkAgreesFourWays() throws Exception {
        CommandOutput r = CommandOutput.of("gradcheck", "--json", "--spec", "examples/iris-conv.json");
        assertEquals(Main.EXIT_PASS, r.exitCode(), r.out() + r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals("PASS", j.get("verdict").asText());
        assertEquals(List.of("0_b", "0_W", "1_gamma", "1_beta", "3_W", "3_b"),
                java.util.stream.StreamSupport.stream(j.get("parameters").spliterator(), false)
                        .map(p -> p.get("parameter").asText()).toList());
        for (JsonNode p : j.get("parameters")) {
            assertTrue(p.get("autogradVsFiniteDifferences").get("worstRelativeDifference").asDouble() < 1e-3, p.toString());
        }
    }

    /**
     * The twin: batch normalisation whose mean and variance are taken as constants (no gradient through the batch
     * statistics). Its output is right, so γ and β agree; the layers below it get a wrong gradient, which the matrix
     * engine, DL4J and finite differences of the autograd's own loss all disagree with.
     */
    @Test
    void batchNormWithoutAGradientThroughItsStatisticsIsCaught() {
        RunSpec spec = lockstep.spec.SpecJson.read(java.nio.file.Path.of("examples/iris-conv.json"));
        Sequential full = Sequential.from(spec.network(), DType.DOUBLE, spec.training().seed());
        Sequential detached = new Sequential(full.modules().stream()
                .map(m -> m instanceof BatchNorm bn ? statisticsAsConstants(bn) : m).toList());
        FourWayGradientCheck.Result result = FourWayGradientCheck.run(spec, Datasets.iris(), detached, null);
        assertFalse(result.passed());
        FourWayGradientCheck.Row kernel = result.rows().get(1);
        assertEquals("0_W", kernel.parameter());
        assertFalse(kernel.autogradVsMatrix().passed() || kernel.autogradVsDl4j().passed() || kernel.finiteDifferences().passed(),
                "0_W's gradient is wrong against all three");
        assertTrue(kernel.matrixVsDl4j().passed(), "the matrix engine and DL4J still agree");
        assertTrue(result.rows().get(2).passed() && result.rows().get(3).passed(), "γ and β are right");
    }

    /** Batch normalisation over channels of S = H·W values, μ and σ² as constants. */
    private static Module statisticsAsConstants(BatchNorm bn) {
        Parameter gamma = bn.parameters().get(0);
        Parameter beta = bn.parameters().get(1);
        return new Module() {
            @Override
            public List<Parameter> parameters() {
                return bn.parameters();
            }

            @Override
            public Tensor forward(Tensor x) {
                Tensor v = x.channelsLast(gamma.value().cols());                                    // [N, C]
                int n = v.rows();
                lockstep.linalg.Matrix mean = gamma.value().like(1, v.cols());
                lockstep.linalg.Matrix std = gamma.value().like(1, v.cols());
                for (int c = 0; c < v.cols(); c++) {                                                // μ, σ: no gradient
                    double sum = 0;
                    double squares = 0;
                    for (int r = 0; r < n; r++) {
                        sum += v.data().get(r, c);
                    }
                    for (int r = 0; r < n; r++) {
                        squares += Math.pow(v.data().get(r, c) - sum / n, 2);
                    }
                    mean.set(c, sum / n);
                    std.set(c, Math.sqrt(squares / n + 1e-5));
                }
                Tensor centred = v.subRowVector(Tensor.constant(mean));
                return centred.divRowVector(Tensor.constant(std))
                        .mulRowVector(Tensor.parameter(gamma.value(), gamma.gradient()))
                        .addRowVector(Tensor.parameter(beta.value(), beta.gradient()))
                        .channelsFirst(n / x.rows());
            }
        };
    }

    @Test
    void badInputIsOneLineAndExitCode2() {
        for (String[] args : List.of(new String[] {"gradcheck", "--batch", "0"}, new String[] {"gradcheck", "--spec", "no/such.json"},
                new String[] {"gradcheck", "--dtype", "FLOAT"})) {
            CommandOutput r = CommandOutput.of(args);
            assertEquals(Main.EXIT_BAD_INPUT, r.exitCode(), String.join(" ", args) + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().startsWith("error: "), r.err());
            assertFalse(r.err().contains("\tat "), r.err());
        }
        assertTrue(CommandOutput.of("gradcheck", "--batch", "0").err().contains("training.batchSize: must be at least 1, got 0"));
        assertTrue(CommandOutput.of("gradcheck", "--dtype", "FLOAT").err().contains("Unknown options: '--dtype'"));
    }

    @Test
    void helpNamesTheOptions() {
        CommandOutput r = CommandOutput.of("gradcheck", "--help");
        assertEquals(Main.EXIT_PASS, r.exitCode());
        for (String option : List.of("--spec=FILE", "--seed=N", "--batch=B", "always DOUBLE")) {
            assertTrue(r.out().contains(option), r.out());
        }
    }
}
