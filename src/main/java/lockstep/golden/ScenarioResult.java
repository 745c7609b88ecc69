package lockstep.golden;

import java.nio.file.Path;

/**
 * The verdict on one scenario folder: an error (the folder could not be trusted: checksum, missing
 * array, unknown format version, malformed manifest, different dataset), or the batch-plan check and
 * the engine's and, when asked, DL4J's replay.
 *
 * @param scenario    null when {@code error} is set
 * @param planFailure null when the stored batch order is the harness's plan
 * @param dl4j        null when DL4J was not replayed
 */
public record ScenarioResult(String name, Path dir, GoldenScenario scenario, String error, String planFailure,
                             SideResult engine, SideResult dl4j) {

    public enum Status { PASS, FAIL, ERROR }

    public static ScenarioResult error(String name, Path dir, String message) {
        return new ScenarioResult(name, dir, null, message, null, null, null);
    }

    public Status status() {
        if (error != null) {
            return Status.ERROR;
        }
        boolean passed = planFailure == null && engine.passed() && (dl4j == null || dl4j.passed());
        return passed ? Status.PASS : Status.FAIL;
    }

    public boolean passed() {
        return status() == Status.PASS;
    }
}
