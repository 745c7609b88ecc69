package lockstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code lockstep compare} with the training-loop options: the data plan, examples seen, validation and early stopping. */
class TrainingLoopCommandTest {

    private static JsonNode compare(String... args) throws IOException {
        List<String> all = new java.util.ArrayList<>(List.of("compare", "--json"));
        all.addAll(List.of(args));
        CommandOutput r = CommandOutput.of(all.toArray(String[]::new));
        assertEquals(Main.EXIT_PASS, r.exitCode(), r.out() + r.err());
        return new ObjectMapper().readTree(r.out());
    }

    @Test
    void dropLastAndNoShuffleGiveFloorNOverBStepsAndTheExamplesSeen() throws IOException {
        JsonNode j = compare("--epochs", "2", "--drop-last", "--no-shuffle");
        assertEquals("PASS", j.get("verdict").asText());
        assertEquals(2, j.get("epochs").size());
        for (JsonNode e : j.get("epochs")) {
            assertEquals(9, e.get("steps").asInt(), "floor(150/16): the last 6 examples dropped");
        }
        assertEquals(18, j.get("steps").asInt());
        assertEquals(288, j.get("examplesSeen").asInt());
        assertFalse(j.get("spec").get("training").get("shuffle").asBoolean());
        assertTrue(j.get("spec").get("training").get("dropLast").asBoolean());
    }

    @Test
    void validationLossAndAccuracyAgreeEveryEpoch() throws IOException {
        JsonNode j = compare("--epochs", "3", "--validation-fraction", "0.2");
        assertEquals(3, j.get("epochs").size());
        for (JsonNode e : j.get("epochs")) {
            assertEquals(e.get("validationLossDl4j").asDouble(), e.get("validationLossEngine").asDouble(), 1e-9, e.toString());
            assertEquals(e.get("validationAccuracyDl4j").asDouble(), e.get("validationAccuracyEngine").asDouble(), e.toString());
            assertEquals(8, e.get("steps").asInt(), "120 training examples left: ceil(120/16)");
        }
        assertEquals(360, j.get("examplesSeen").asInt(), "30 of the 150 held out");
    }

    @Test
    void earlyStoppingGivesBothOutcomesAndTheScoresPerEpoch() throws IOException {
        JsonNode j = compare("--early-stopping", "--patience", "3", "--min-delta", "0.01", "--epochs", "100", "--batch", "40");
        JsonNode es = j.get("earlyStopping");
        assertTrue(es.get("passed").asBoolean(), es.toString());
        int stoppedAfter = es.get("engine").get("stoppedAfterEpoch").asInt();
        assertTrue(stoppedAfter < 100, es.toString());
        assertEquals(stoppedAfter, es.get("dl4j").get("totalEpochs").asInt());
        assertEquals(es.get("engine").get("bestEpoch").asInt(), es.get("dl4j").get("bestModelEpoch").asInt() + 1,
                "DL4J counts epochs from 0");
        assertTrue(es.get("dl4j").get("terminationDetails").asText().startsWith("ScoreImprovementEpochTerminationCondition("));
        assertEquals(stoppedAfter, es.get("epochs").size(), "one row per evaluated epoch");
        assertEquals(stoppedAfter, j.get("epochs").size(), "the run trained as long as early stopping said");
        assertEquals(120 * stoppedAfter, j.get("examplesSeen").asInt(), "20% of the 150 held out by default");
    }

    @Test
    void patienceWithoutEarlyStoppingIsBadInput() {
        CommandOutput r = CommandOutput.of("compare", "--patience", "3");
        assertEquals(Main.EXIT_BAD_INPUT, r.exitCode());
        assertEquals("error: --patience, --min-delta and --evaluate-every need --early-stopping (or an \"earlyStopping\""
                + " object in the spec's training)", r.err().strip());
    }

    @Test
    void bothValidationSourcesAtOnceAreBadInput() {
        CommandOutput r = CommandOutput.of("compare", "--validation-fraction", "0.2", "--validation-csv", "v.csv");
        assertEquals(Main.EXIT_BAD_INPUT, r.exitCode());
        assertEquals("error: --validation-fraction and --validation-csv exclude each other", r.err().strip());
    }
}
