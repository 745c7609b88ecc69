package lockstep.selftest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import lockstep.comparison.Quantity;
import lockstep.engine.EngineComponents;
import lockstep.report.SelftestJson;
import lockstep.spec.RunSpec;
import org.junit.jupiter.api.Test;

/** {@code selftest --json}: where each planted bug was expected and where the harness found it. */
class SelftestJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aCaughtBugShowsWhereItWasExpectedAndFound() throws Exception {
        PlantedBug bug = PlantedBugs.all().get(0);
        JsonNode j = JSON.readTree(SelftestJson.of(List.of(Selftest.check(bug))));
        assertEquals("PASS", j.get("verdict").asText());
        JsonNode b = j.get("bugs").get(0);
        assertEquals(bug.name(), b.get("name").asText());
        assertTrue(b.get("caught").asBoolean());
        assertTrue(b.get("cleanEnginePassed").asBoolean());
        assertEquals(bug.expectedStep(), b.get("expected").get("globalStep").asInt());
        assertEquals(b.get("expected").get("globalStep"), b.get("found").get("globalStep"));
        assertEquals(b.get("expected").get("parameter"), b.get("found").get("parameter"));
        assertEquals(b.get("expected").get("quantity"), b.get("found").get("quantity"));
    }

    /** The twin: a "bug" that is no bug (the clean engine) is not caught, and the JSON says FAIL with nothing found. */
    @Test
    void aBugThatIsNoBugIsReportedAsMissed() throws Exception {
        PlantedBug notABug = new PlantedBug("nothing planted", RunSpec.irisDefault(), new EngineComponents(), 1,
                Quantity.GRADIENT, "1_W", -1);
        JsonNode j = JSON.readTree(SelftestJson.of(List.of(Selftest.check(notABug))));
        assertEquals("FAIL", j.get("verdict").asText());
        assertEquals(0, j.get("caught").asInt());
        JsonNode b = j.get("bugs").get(0);
        assertFalse(b.get("caught").asBoolean());
        assertFalse(b.has("found"), "the harness found nothing: " + b);
    }
}
