package lockstep.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import lockstep.comparison.TolerancePolicy;
import lockstep.golden.GoldenScenario;
import lockstep.golden.ScenarioResult;
import lockstep.golden.SideResult;

/**
 * {@code verify --json}: the engine and the verdict over all scenarios, then per scenario its status (PASS, FAIL,
 * ERROR with the message, UNSUPPORTED with the engine's refusal), what was recorded (run, data type, steps, DL4J
 * version, threads) and each replayed side's numbers and first divergence.
 */
public final class VerifyJson {
    private VerifyJson() {
    }

    /** {@code engine}: the engine replayed, as the CLI names it ("matrix", "autograd", a class or a command). */
    public static String of(List<ScenarioResult> results, String engine) {
        ObjectNode o = JsonText.object();
        o.put("command", "verify");
        o.put("engine", engine);
        o.put("verdict", ScenarioResult.allPassed(results) ? "PASS" : "FAIL");
        o.put("scenarios", results.size());
        o.put("passed", results.stream().filter(ScenarioResult::passed).count());
        o.put("unsupported", results.stream().filter(r -> r.status() == ScenarioResult.Status.UNSUPPORTED).count());
        ArrayNode list = o.putArray("results");
        for (ScenarioResult r : results) {
            scenario(list.addObject(), r);
        }
        return JsonText.pretty(o);
    }

    private static void scenario(ObjectNode o, ScenarioResult r) {
        o.put("name", r.name());
        o.put("directory", r.dir().toString());
        o.put("status", r.status().name());
        if (r.error() != null) {
            o.put("error", r.error());
            return;
        }
        GoldenScenario g = r.scenario();
        o.put("run", g.spec().describe());
        o.put("dataType", g.dataType().name());
        o.put("steps", g.steps());
        o.put("storedSteps", g.storedSteps().size());
        o.put("recordedWith", g.provenance().library() + " " + g.provenance().version());
        o.put("recordedOmpNumThreads", g.provenance().ompNumThreads());
        o.put("recordedAt", g.provenance().createdAt());
        if (r.planFailure() != null) {
            o.put("batchPlanFailure", r.planFailure());
        }
        JsonText.tolerance(o.putObject("tolerance"), TolerancePolicy.defaultFor(g.dataType()));
        if (r.engine() == null) {
            o.put("engineUnsupported", r.unsupported());
        } else {
            side(o.putObject("engine"), r.engine());
        }
        if (r.dl4j() != null) {
            side(o.putObject("dl4j"), r.dl4j());
        }
    }

    private static void side(ObjectNode o, SideResult s) {
        o.put("verdict", s.passed() ? "PASS" : "FAIL");
        o.put("bitIdentical", s.bitIdentical());
        o.put("stepsReplayed", s.steps());
        o.put("storedCompared", s.storedCompared());
        o.put("worstRelativeDifference", s.worstStep());
        o.put("largestAbsoluteDifference", s.largestAbsolute());
        if (s.side().equals("engine")) {
            o.put("trajectoryDrift", s.worstDrift());
        }
        if (s.failure() != null) {
            o.put("failure", s.failure());
        }
        if (s.divergence() != null) {
            DivergenceJson.put(o.putObject("divergence"), s.divergence(), "replayed", "golden", s.failure());
        }
    }
}
