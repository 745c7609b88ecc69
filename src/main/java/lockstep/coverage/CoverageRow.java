package lockstep.coverage;

import java.util.List;
import lockstep.harness.LockstepResult;

/**
 * A feature's outcome in DOUBLE and in FLOAT, or, when the engine under check refused the feature's spec,
 * {@code unsupported} (its one-line refusal) and no results.
 */
public record CoverageRow(Feature feature, LockstepResult inDouble, LockstepResult inFloat, String unsupported) {

    /** A row the engine ran. */
    public CoverageRow(Feature feature, LockstepResult inDouble, LockstepResult inFloat) {
        this(feature, inDouble, inFloat, null);
    }

    /** A row the engine refused. */
    public static CoverageRow unsupported(Feature feature, String refusal) {
        return new CoverageRow(feature, null, null, refusal);
    }

    public boolean supported() {
        return unsupported == null;
    }

    /** Ran, and agreed with DL4J in both data types. */
    public boolean passed() {
        return supported() && inDouble.passed() && inFloat.passed();
    }

    /** The verdict over the matrix: every row the engine ran agrees, and it ran at least one. */
    public static boolean allPassed(List<CoverageRow> rows) {
        return rows.stream().filter(CoverageRow::supported).allMatch(CoverageRow::passed)
                && rows.stream().anyMatch(CoverageRow::passed);
    }
}
