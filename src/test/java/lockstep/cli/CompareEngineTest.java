package lockstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code compare --engine CMD} with the reference NumPy client of examples/engines (docs/engine-protocol.md): it passes
 * the Iris default in DOUBLE and FLOAT against DL4J; the planted client without the 1/B fails at step 1 at the output
 * layer's weights; and a client that misbehaves from step 2 on ends the run with exit code 4 and one line naming the
 * step and the problem. Needs Debian's python3-numpy under /usr/bin/python3 ({@code .ci/run} installs it).
 */
class CompareEngineTest {
    static final String PYTHON = "/usr/bin/python3";
    static final String NUMPY_MLP = PYTHON + " examples/engines/numpy_mlp.py";
    static final String FAULTY = "PYTHONPATH=examples/engines " + PYTHON + " src/test/resources/engines/faulty_engine.py ";
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void pythonWithNumpyIsThere() throws Exception {
        assertTrue(Files.isExecutable(Path.of(PYTHON)), PYTHON + " is missing: apt-get install python3-numpy");
        Process p = new ProcessBuilder(PYTHON, "-c", "import numpy").redirectErrorStream(true).start();
        assertEquals(0, p.waitFor(), "numpy is missing for " + PYTHON + ": apt-get install python3-numpy");
    }

    @ParameterizedTest
    @CsvSource({"DOUBLE", "FLOAT"})
    void theNumpyClientPassesTheIrisDefault(String dtype) throws Exception {
        CommandOutput r = CommandOutput.of("compare", "--epochs", "3", "--dtype", dtype, "--json", "--engine", NUMPY_MLP);
        JsonNode result = JSON.readTree(r.out());
        assertEquals(Main.EXIT_PASS, r.exitCode(), r.err() + r.out());
        assertEquals("PASS", result.get("verdict").asText());
        assertEquals(30, result.get("steps").asInt());
    }

    @ParameterizedTest
    @CsvSource({"DOUBLE, ''", "FLOAT, ''", "DOUBLE, examples/iris-adam.json"})
    void theTorchClientPassesTheIrisDefaultAndAdam(String dtype, String spec) throws Exception {
        Process p = new ProcessBuilder(PYTHON, "-c", "import torch").redirectErrorStream(true).start();
        assertEquals(0, p.waitFor(), "torch is missing for " + PYTHON + ": apt-get install python3-torch");
        List<String> args = new ArrayList<>(List.of("compare", "--epochs", "2", "--dtype",
                dtype, "--json", "--engine", PYTHON + " examples/engines/torch_mlp.py"));
        if (!spec.isEmpty()) {
            args.addAll(List.of("--spec", spec));
        }
        CommandOutput r = CommandOutput.of(args.toArray(String[]::new));
        assertEquals(Main.EXIT_PASS, r.exitCode(), r.err() + r.out());
        JsonNode result = JSON.readTree(r.out());
        assertEquals(20, result.get("steps").asInt());
        assertTrue(result.get("engine").asText().contains("torch_mlp.py"), result.get("engine").asText());
    }

    /**
     * A tanh layer saturated by output weights of std 60: NumPy's float32 tanh rounds unlike ND4J's, and 1 - t² keeps a
     * bit or two, so at step 4 its gradient is 1.1e-2 of the tensor's scale from DL4J's while its error from the
     * DOUBLE shadow is 1.6 times DL4J's own. Correct rounding, not a bug: it passes. Its twin without the 1/B fails at
     * step 1.
     */
    @Test
    void aFloatEngineThatRoundsItsOwnWayPassesWhereDl4jIsJustAsFarFromExact() throws Exception {
        String spec = "src/test/resources/specs/saturated-tanh-large-logits-float.json";
        CommandOutput r = CommandOutput.of("compare", "--json", "--spec", spec, "--engine", NUMPY_MLP);
        assertEquals(Main.EXIT_PASS, r.exitCode(), r.err() + r.out());
        JsonNode result = JSON.readTree(r.out());
        assertTrue(result.get("worstRelativeDifference").asDouble() > 1e-2, "the step check's 1e-2 deferred to the shadow");
        assertTrue(result.get("shadowRatio").asDouble() < 8, result.toString());
        CommandOutput planted = CommandOutput.of("compare", "--json", "--spec", spec, "--engine",
                PYTHON + " examples/engines/numpy_no_batch_mean.py");
        assertEquals(Main.EXIT_FAIL, planted.exitCode(), planted.err());
        assertEquals(1, JSON.readTree(planted.out()).get("divergence").get("globalStep").asInt());
    }

    @Test
    void theAutogradEngineRunsThroughTheSameComparison() throws Exception {
        CommandOutput r = CommandOutput.of("compare", "--epochs", "3", "--json", "--engine", "autograd");
        assertEquals(Main.EXIT_PASS, r.exitCode(), r.err() + r.out());
        assertEquals(30, JSON.readTree(r.out()).get("steps").asInt());
    }

    @Test
    void theClientWithoutTheBatchMeanFailsAtStepOneAtTheOutputWeights() throws Exception {
        CommandOutput r = CommandOutput.of("compare", "--epochs", "1", "--json", "--engine",
                PYTHON + " examples/engines/numpy_no_batch_mean.py");
        assertEquals(Main.EXIT_FAIL, r.exitCode(), r.err());
        JsonNode d = JSON.readTree(r.out()).get("divergence");
        assertEquals(1, d.get("globalStep").asInt());
        assertEquals("GRADIENT", d.get("quantity").asText());
        assertEquals("1_W", d.get("parameter").asText());
        double ratio = d.get("engine").asDouble() / d.get("dl4j").asDouble();
        assertEquals(16.0, ratio, 1e-9, "a missing 1/B makes the gradient B = 16 times too large");
    }

    @Test
    void aNanInAnAnswerFailsTheComparisonWhereItIs() throws Exception {
        CommandOutput r = CommandOutput.of("compare", "--epochs", "1", "--json", "--engine", FAULTY + "nan");
        assertEquals(Main.EXIT_FAIL, r.exitCode(), r.err());
        JsonNode d = JSON.readTree(r.out()).get("divergence");
        assertEquals(2, d.get("globalStep").asInt());
        assertEquals("0_b", d.get("parameter").asText());
        assertEquals(1, d.get("index").asInt());
        assertEquals("NaN", d.get("engine").asText());
    }

    /**
     * Every process an engine run starts ends with it, on a clean goodbye and after each fault: the engine's shell, the
     * program, and a helper left in the shell's background.
     */
    @ParameterizedTest
    @CsvSource({"none", "exit", "hang", "garbage"})
    void noProcessOutlivesTheRun(String fault, @TempDir Path dir) throws Exception {
        Path pids = dir.resolve("pids");
        String engine = "echo $$ >> " + pids + "; sleep 600 & echo $! >> " + pids + "; "
                + (fault.equals("none") ? NUMPY_MLP : FAULTY + fault);
        CommandOutput r = CommandOutput.of("compare", "--epochs", "1", "--engine-timeout", "5", "--engine", engine);
        assertEquals(fault.equals("none") ? Main.EXIT_PASS : Main.EXIT_ENGINE, r.exitCode(), r.err());
        List<Long> started = Files.readAllLines(pids).stream().map(Long::parseLong).toList();
        assertEquals(4, started.size(), "two copies (anchored, free), each a shell and a background sleep: " + started);
        long deadline = System.nanoTime() + 10_000_000_000L;   // a killed process may take a moment to be reaped
        List<Long> alive = started;
        while (!alive.isEmpty() && System.nanoTime() < deadline) {
            alive = started.stream().filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).toList();
            Thread.sleep(100);
        }
        assertEquals(List.of(), alive, "processes left running");
    }

    @ParameterizedTest
    @CsvSource({
            "exit,        step 2, code 5",
            "hang,        step 2, within 10 s",
            "garbage,     step 2, Traceback",
            "wrong-shape, step 2, grad:0_W",
            "wrong-dtype, step 2, <f4",
            "missing,     step 2, param:1_b",
            "wrong-step,  step 2, expected 1",
            "version,     hello,  protocol 2"})
    void aMisbehavingEngineEndsTheRunWithOneLineAndExitCodeFour(String fault, String where, String what) {
        CommandOutput r = CommandOutput.of("compare", "--epochs", "1", "--engine-timeout", "10", "--engine", FAULTY + fault);
        String err = r.err().strip();
        assertEquals(Main.EXIT_ENGINE, r.exitCode(), err);
        assertEquals(1, err.lines().count(), err);
        assertFalse(err.contains("\tat "), err);
        assertTrue(err.contains(where) && err.contains(what), err);
    }
}
