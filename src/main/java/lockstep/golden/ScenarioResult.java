package lockstep.golden;

import java.nio.file.Path;
import java.util.List;

/**
 * The verdict on one scenario folder: an error (the folder could not be trusted: checksum, missing
 * array, unknown format version, malformed manifest, different dataset), or the batch-plan check and
 * the engine's and, when asked, DL4J's replay.
 *
 * @param scenario    null when {@code error} is set
 * @param planFailure null when the stored batch order is the harness's plan
 * @param engine      null when the engine does not support the scenario
 * @param dl4j        null when DL4J was not replayed
 * @param unsupported null, or the engine's one-line refusal of the scenario's spec (the engine was not replayed)
 */
public record ScenarioResult(String name, Path dir, GoldenScenario scenario, String error, String planFailure,
                             SideResult engine, SideResult dl4j, String unsupported) {

    /** UNSUPPORTED: the engine under check refused the spec; neither a pass nor a failure. */
    public enum Status { PASS, FAIL, ERROR, UNSUPPORTED }

    public static ScenarioResult error(String name, Path dir, String message) {
        return new ScenarioResult(name, dir, null, message, null, null, null, null);
    }

    public Status status() {
        if (error != null) {
            return Status.ERROR;
        }
        if (unsupported != null) {
            return planFailure == null && (dl4j == null || dl4j.passed()) ? Status.UNSUPPORTED : Status.FAIL;
        }
        boolean passed = planFailure == null && engine.passed() && (dl4j == null || dl4j.passed());
        return passed ? Status.PASS : Status.FAIL;
    }

    public boolean passed() {
        return status() == Status.PASS;
    }

    /** The verdict over a verify run: no FAIL or ERROR, and at least one scenario replayed and passed. */
    public static boolean allPassed(List<ScenarioResult> results) {
        return results.stream().noneMatch(r -> r.status() == Status.FAIL || r.status() == Status.ERROR)
                && results.stream().anyMatch(ScenarioResult::passed);
    }
}
