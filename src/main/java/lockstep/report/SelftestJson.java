package lockstep.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import lockstep.comparison.Divergence;
import lockstep.selftest.PlantedBug;
import lockstep.selftest.Selftest;

/** {@code selftest --json}: the verdict, then per planted bug where it should be found and where the harness found it. */
public final class SelftestJson {
    private SelftestJson() {
    }

    public static String of(List<Selftest.Outcome> outcomes) {
        ObjectNode o = JsonText.object();
        o.put("command", "selftest");
        o.put("verdict", Selftest.allCaught(outcomes) ? "PASS" : "FAIL");
        o.put("plantedBugs", outcomes.size());
        o.put("caught", outcomes.stream().filter(Selftest.Outcome::caught).count());
        ArrayNode bugs = o.putArray("bugs");
        for (Selftest.Outcome outcome : outcomes) {
            PlantedBug bug = outcome.bug();
            ObjectNode b = bugs.addObject();
            b.put("name", bug.name());
            b.put("dataType", bug.dataType().name());
            b.put("caught", outcome.caught());
            b.put("run", bug.scenario().describe());
            ObjectNode expected = b.putObject("expected");
            expected.put("globalStep", bug.expectedStep());
            expected.put("quantity", bug.expectedQuantity().name());
            if (bug.expectedParameter() != null) {
                expected.put("parameter", bug.expectedParameter());
            }
            if (bug.expectedElement() >= 0) {
                expected.put("index", bug.expectedElement());
            }
            b.put("cleanEnginePassed", outcome.clean().passed());
            Divergence d = outcome.faulty().divergence();
            if (d != null) {
                DivergenceJson.put(b.putObject("found"), d, "engine", "dl4j", d.describe());
            }
        }
        return JsonText.pretty(o);
    }
}
