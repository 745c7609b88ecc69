package lockstep.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import lockstep.comparison.TolerancePolicy;

/** What every command's {@code --json} output is built with: one mapper, pretty-printed text, shared fields. */
public final class JsonText {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonText() {
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    /** JSON text made by this program (e.g. a spec written by SpecJson) as a tree. */
    public static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The tree as indented text (no trailing newline). */
    public static String pretty(JsonNode node) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The tree as one line of text, for large documents a program or a page reads. */
    public static String compact(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The step tolerance (relative, floor, absolute) and the trajectory tolerance of a policy, into {@code o}. */
    static void tolerance(ObjectNode o, TolerancePolicy policy) {
        o.put("step", policy.step().relative());
        o.put("floor", policy.step().floor());
        o.put("absolute", policy.step().absolute());
        o.put("trajectory", policy.trajectory().relative());
        o.put("updateRule", policy.rule().relative());
        o.put("updateRuleFloor", policy.rule().floor());
        if (policy.shadow() != null) {
            o.put("shadowFactor", policy.shadow().factor());
            o.put("shadowRuleFactor", policy.shadow().ruleFactor());
            o.put("shadowFloor", policy.shadow().floor());
            o.put("shadowAbsolute", policy.shadow().absolute());
        }
    }
}
