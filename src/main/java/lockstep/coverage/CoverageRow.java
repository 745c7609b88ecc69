package lockstep.coverage;

import lockstep.harness.LockstepResult;

/** A feature's outcome in DOUBLE and in FLOAT. */
public record CoverageRow(Feature feature, LockstepResult inDouble, LockstepResult inFloat) {

    public boolean passed() {
        return inDouble.passed() && inFloat.passed();
    }
}
