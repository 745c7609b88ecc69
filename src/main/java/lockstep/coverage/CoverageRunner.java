package lockstep.coverage;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import lockstep.harness.LockstepResult;
import lockstep.harness.LockstepRun;
import lockstep.linalg.DType;

/** Runs every feature of the matrix in DOUBLE and FLOAT and hands each row to a listener as it completes. */
public final class CoverageRunner {
    private CoverageRunner() {
    }

    public static List<CoverageRow> run(List<Feature> features, Consumer<CoverageRow> listener) {
        List<CoverageRow> rows = new ArrayList<>();
        for (Feature f : features) {
            CoverageRow row = new CoverageRow(f, lockstep(f, DType.DOUBLE), lockstep(f, DType.FLOAT));
            rows.add(row);
            listener.accept(row);
        }
        return rows;
    }

    private static LockstepResult lockstep(Feature f, DType dtype) {
        return LockstepRun.of(f.run().apply(dtype)).run(e -> { });
    }
}
