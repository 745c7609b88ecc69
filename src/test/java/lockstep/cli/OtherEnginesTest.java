package lockstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every engine goes through the same selection ({@code --engine matrix|autograd|CMD}, {@code --engine-class}) and the
 * same checks: {@code verify} replays the golden scenarios against it (no DL4J), {@code compare} runs it against DL4J.
 * Each passing engine has a planted twin that fails where the bug is. The Python clients need Debian's python3-numpy
 * (checked by {@link CompareEngineTest}).
 */
class OtherEnginesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SGD_DOUBLE = "iris-tanh-softmax-mcxent-sgd-double";
    private static final String SGD_FLOAT = "iris-tanh-softmax-mcxent-sgd-float";
    private static final String ADAGRAD = "iris-4-hidden-adagrad-double-200-steps";
    private static final String DROPOUT = "iris-dropout-clipl2-per-layer-updater-double";
    private static final String JVM = "lockstep.cli.JvmEngines$";

    @ParameterizedTest
    @CsvSource({"--engine, autograd", "--engine-class, lockstep.cli.JvmEngines$Correct"})
    void verifyReplaysTheGoldenScenariosAgainstAnotherEngine(String option, String engine) throws Exception {
        CommandOutput r = CommandOutput.of("verify", "--json", option, engine, SGD_DOUBLE, SGD_FLOAT, ADAGRAD, DROPOUT);
        assertEquals(Main.EXIT_PASS, r.exitCode(), r.err() + r.out());
        JsonNode o = JSON.readTree(r.out());
        assertEquals(4, o.get("passed").asInt());
        assertTrue(o.get("engine").asText().contains(engine.replace("lockstep.cli.JvmEngines$", "")), o.get("engine").asText());
        for (JsonNode s : o.get("results")) {
            assertTrue(s.get("engine").get("storedCompared").asInt() >= 7, s.toString());
        }
    }

    @Test
    void verifyCatchesAPlantedJvmEngineAtStepOneAtTheOutputWeights() throws Exception {
        CommandOutput r = CommandOutput.of("verify", "--json", "--engine-class", JVM + "WithoutBatchMean", SGD_DOUBLE);
        assertEquals(Main.EXIT_FAIL, r.exitCode(), r.err() + r.out());
        JsonNode d = JSON.readTree(r.out()).get("results").get(0).get("engine").get("divergence");
        assertEquals(1, d.get("globalStep").asInt(), d.toString());
        assertEquals("GRADIENT", d.get("quantity").asText());
        assertEquals("1_W", d.get("parameter").asText());
    }

    @Test
    void verifyListsTheScenariosAnExternalEngineRefusesAndJudgesTheRest() throws Exception {
        CommandOutput r = CommandOutput.of("verify", "--json", "--engine", CompareEngineTest.NUMPY_MLP, SGD_DOUBLE, ADAGRAD);
        assertEquals(Main.EXIT_PASS, r.exitCode(), r.err() + r.out());
        JsonNode o = JSON.readTree(r.out());
        assertEquals(1, o.get("passed").asInt());
        assertEquals(1, o.get("unsupported").asInt());
        JsonNode refused = o.get("results").get(0);    // scenarios in the order given: the 4-hidden AdaGrad one is second
        refused = refused.get("name").asText().equals(ADAGRAD) ? refused : o.get("results").get(1);
        assertEquals("UNSUPPORTED", refused.get("status").asText());
        assertTrue(refused.get("engineUnsupported").asText().contains("SGD"), refused.toString());
    }

    @Test
    void verifyFailsWhenTheEngineRefusesEveryScenario() throws Exception {
        CommandOutput r = CommandOutput.of("verify", "--json", "--engine", CompareEngineTest.NUMPY_MLP, ADAGRAD);
        assertEquals(Main.EXIT_FAIL, r.exitCode(), r.err() + r.out());
        assertEquals(0, JSON.readTree(r.out()).get("passed").asInt());
    }

    @Test
    void verifyCatchesThePlantedNumpyClientAtStepOne() throws Exception {
        CommandOutput r = CommandOutput.of("verify", "--json", "--engine",
                CompareEngineTest.PYTHON + " examples/engines/numpy_no_batch_mean.py", SGD_DOUBLE);
        assertEquals(Main.EXIT_FAIL, r.exitCode(), r.err() + r.out());
        JsonNode d = JSON.readTree(r.out()).get("results").get(0).get("engine").get("divergence");
        assertEquals(1, d.get("globalStep").asInt(), d.toString());
        assertEquals("1_W", d.get("parameter").asText());
    }

    @Test
    void compareRunsAJvmEngineAndItsPlantedTwinAgainstDl4j(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("report");
        CommandOutput good = CommandOutput.of("compare", "--epochs", "2", "--json", "--report", report.toString(),
                "--engine-class", JVM + "Correct");
        assertEquals(Main.EXIT_PASS, good.exitCode(), good.err() + good.out());
        assertTrue(Files.readString(report.resolve("index.html")).contains("Engine checked against DL4J: class " + JVM
                + "Correct."), "the report names the engine");
        CommandOutput bad = CommandOutput.of("compare", "--epochs", "2", "--json", "--engine-class", JVM + "WithoutBatchMean");
        assertEquals(Main.EXIT_FAIL, bad.exitCode(), bad.err());
        JsonNode d = JSON.readTree(bad.out()).get("divergence");
        assertEquals(1, d.get("globalStep").asInt());
        assertEquals("1_W", d.get("parameter").asText());
    }

    @ParameterizedTest
    @CsvSource({"--engine, " + CompareEngineTest.NUMPY_MLP, "--engine-class, lockstep.cli.JvmEngines$Correct"})
    void gradcheckAddsTheEngineUnderCheckAsAFifthGradient(String option, String engine) throws Exception {
        CommandOutput r = CommandOutput.of("gradcheck", "--json", option, engine);
        assertEquals(Main.EXIT_PASS, r.exitCode(), r.err() + r.out());
        JsonNode parameters = JSON.readTree(r.out()).get("parameters");
        assertEquals(4, parameters.size());
        for (JsonNode p : parameters) {
            assertTrue(p.get("engineVsDl4j").get("passed").asBoolean(), p.toString());
        }
    }

    @ParameterizedTest
    @CsvSource({"--engine, " + CompareEngineTest.PYTHON + " examples/engines/numpy_no_batch_mean.py",
            "--engine-class, lockstep.cli.JvmEngines$WithoutBatchMean"})
    void gradcheckShowsAPlantedEngineSixteenTimesOff(String option, String engine) throws Exception {
        CommandOutput r = CommandOutput.of("gradcheck", "--json", option, engine);
        assertEquals(Main.EXIT_FAIL, r.exitCode(), r.err() + r.out());
        JsonNode p = JSON.readTree(r.out()).get("parameters").get(0);
        assertTrue(p.get("autogradVsDl4j").get("passed").asBoolean(), "lockstep's own gradients still agree with DL4J");
        JsonNode bad = p.get("engineVsDl4j");
        assertEquals(16.0, bad.get("engine").asDouble() / bad.get("dl4j").asDouble(), 1e-9, "B = 16 without the 1/B");
    }

    @Test
    void alsoBuiltinRunsLockstepsEngineBesideYoursAndKeepsYourVerdict() throws Exception {
        CommandOutput bad = CommandOutput.of("compare", "--epochs", "2", "--json", "--also-builtin", "--engine-class",
                JVM + "WithoutBatchMean");
        assertEquals(Main.EXIT_FAIL, bad.exitCode(), bad.err());
        JsonNode o = JSON.readTree(bad.out());
        assertEquals("FAIL", o.get("verdict").asText());
        assertEquals("PASS", o.get("builtin").get("verdict").asText());
        assertEquals(20, o.get("builtin").get("steps").asInt());
        assertEquals(1, o.get("divergence").get("globalStep").asInt());
        assertEquals(2, o.get("builtin").get("epochs").size());
        String err = CommandOutput.oneLineError("compare", "--also-builtin");
        assertTrue(err.contains("--also-builtin"), err);
    }

    @Test
    void coverageRunsItsMatrixOnTheAutogradEngine() throws Exception {
        CommandOutput r = CommandOutput.of("coverage", "--json", "--group", "path,depth", "--engine", "autograd");
        assertEquals(Main.EXIT_PASS, r.exitCode(), r.err() + r.out());
        JsonNode rows = JSON.readTree(r.out());
        assertEquals(5, rows.size(), "4 path rows (packed GEMM, two softmax, XENT) and 1 depth row");
        for (JsonNode row : rows) {
            assertEquals("PASS", row.get("float").asText(), row.toString());
        }
    }

    /** The convolution, pooling and batch-norm rows on the autograd engine's Conv2d, pooling and BatchNorm modules. */
    @Test
    void coverageRunsItsLayerRowsOnTheAutogradEngine() throws Exception {
        CommandOutput r = CommandOutput.of("coverage", "--json", "--group", "layer", "--engine", "autograd");
        assertEquals(Main.EXIT_PASS, r.exitCode(), r.err() + r.out());
        JsonNode rows = JSON.readTree(r.out());
        assertEquals(6, rows.size());
        for (JsonNode row : rows) {
            assertFalse(row.has("unsupported"), row.toString());
            assertEquals("PASS", row.get("double").asText(), row.toString());
            assertEquals("PASS", row.get("float").asText(), row.toString());
        }
    }

    /** The four golden scenarios of the convolutional family, recorded from DL4J, on the autograd's composed modules. */
    @Test
    void theAutogradEnginePassesTheConvolutionalGoldenScenarios() throws Exception {
        CommandOutput r = CommandOutput.of("verify", "--json", "--engine", "autograd", "fashion-mnist-bn-after-conv-adam-double",
                "fashion-mnist-conv-maxpool-sgd-double", "fashion-mnist-conv-same-truncate-avgpool-adam-float",
                "iris-bn-after-dense-nesterovs-double");
        assertEquals(Main.EXIT_PASS, r.exitCode(), r.err() + r.out());
        assertEquals(4, JSON.readTree(r.out()).get("passed").asInt());
    }

    @Test
    void theAutogradEngineComparesAConvolutionalNetwork() throws Exception {
        CommandOutput r = CommandOutput.of("compare", "--json", "--engine", "autograd", "--spec", "examples/iris-conv.json");
        assertEquals(Main.EXIT_PASS, r.exitCode(), r.err() + r.out());
        assertEquals(50, JSON.readTree(r.out()).get("steps").asInt(), "5 epochs of ceil(150/16)");
    }

    @Test
    void coverageMarksTheFeaturesAnExternalEngineRefuses() throws Exception {
        CommandOutput r = CommandOutput.of("coverage", "--json", "--group", "loss", "--engine", CompareEngineTest.NUMPY_MLP);
        assertEquals(Main.EXIT_PASS, r.exitCode(), r.err() + r.out());
        int ran = 0;
        for (JsonNode row : JSON.readTree(r.out())) {
            if (row.has("unsupported")) {
                assertTrue(row.get("unsupported").asText().startsWith("engine error at hello: numpy_mlp.py does"), row.toString());
            } else {
                ran++;
                assertEquals("PASS", row.get("double").asText(), row.toString());
            }
        }
        assertEquals(1, ran, "MSE + IDENTITY; MCXENT + SIGMOID is refused (numpy_mlp.py's dL/dz = p - y holds for softmax only)");
    }

    @Test
    void selftestPlantsOnlyIntoLockstepsOwnEngines() {
        String err = CommandOutput.oneLineError("selftest", "--engine", CompareEngineTest.NUMPY_MLP);
        assertTrue(err.contains("matrix or autograd"), err);
        assertTrue(CommandOutput.oneLineError("coverage", "--group", "nope").contains("no group 'nope'"));
    }

    @ParameterizedTest
    @CsvSource({
            "lockstep.cli.NoSuchEngine,            no such class on the classpath",
            "lockstep.cli.JvmEngines$NotAnEngine,   does not implement lockstep.harness.EngineFactory",
            "lockstep.cli.JvmEngines$NeedsArguments, needs a public no-argument constructor"})
    void aWrongEngineClassIsOneLineOfBadInput(String className, String message) {
        String err = CommandOutput.oneLineError("verify", "--engine-class", className, SGD_DOUBLE);
        assertTrue(err.contains(className) && err.contains(message), err);
    }

    @Test
    void engineAndEngineClassExcludeEachOther() {
        String err = CommandOutput.oneLineError("compare", "--engine", "autograd", "--engine-class", JVM + "Correct");
        assertTrue(err.contains("--engine and --engine-class"), err);
    }
}
