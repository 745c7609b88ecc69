package lockstep.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import lockstep.cli.Main;
import org.junit.jupiter.api.Test;

/** `compare --json` prints one JSON document a program can read: the verdict and, on a mismatch, where. */
class ResultJsonTest {

    private static JsonNode compareJson(int expectedExit, String... args) throws Exception {
        PrintStream stdout = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertEquals(expectedExit, Main.run(new PrintWriter(new StringWriter(), true), args));
        } finally {
            System.setOut(stdout);
        }
        return new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aPassingRunIsOneJsonDocumentWithEveryEpoch() throws Exception {
        JsonNode d = compareJson(Main.EXIT_PASS, "compare", "--json", "--epochs", "3");
        assertEquals("PASS", d.get("verdict").asText());
        assertEquals(30, d.get("steps").asInt());
        assertEquals(3, d.get("epochs").size());
        assertTrue(d.get("worstRelativeDifference").asDouble() <= 1e-10);
        assertTrue(!d.has("divergence"));
    }

    /** The twin: with a zero tolerance the first rounding difference is a FAIL, and the JSON says where. */
    @Test
    void aFailingRunNamesTheDivergence() throws Exception {
        JsonNode d = compareJson(Main.EXIT_FAIL, "compare", "--json", "--epochs", "1", "--tolerance", "0", "--atol", "0");
        assertEquals("FAIL", d.get("verdict").asText());
        JsonNode div = d.get("divergence");
        assertEquals(1, div.get("globalStep").asInt());
        assertEquals("STEP", div.get("check").asText());
        assertTrue(div.get("description").asText().startsWith("epoch 1 step 1:"), div.toString());
    }
}
