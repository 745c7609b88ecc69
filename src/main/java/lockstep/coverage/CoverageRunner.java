package lockstep.coverage;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import lockstep.UnsupportedSpec;
import lockstep.harness.EngineFactory;
import lockstep.harness.LockstepResult;
import lockstep.harness.LockstepRun;
import lockstep.linalg.DType;
import lockstep.spec.RunSpec;

/**
 * Runs every feature of the matrix in DOUBLE and FLOAT with the engine {@code engines} gives for its spec and hands
 * each row to a listener as it completes; a feature the engine refuses ({@link UnsupportedSpec}) is an unsupported row.
 */
public final class CoverageRunner {
    private CoverageRunner() {
    }

    public static List<CoverageRow> run(List<Feature> features, Function<RunSpec, EngineFactory> engines,
                                        Consumer<CoverageRow> listener) {
        List<CoverageRow> rows = new ArrayList<>();
        for (Feature f : features) {
            CoverageRow row;
            try {
                row = new CoverageRow(f, lockstep(f, DType.DOUBLE, engines), lockstep(f, DType.FLOAT, engines));
            } catch (UnsupportedSpec refusal) {
                row = CoverageRow.unsupported(f, refusal.getMessage());
            }
            rows.add(row);
            listener.accept(row);
        }
        return rows;
    }

    private static LockstepResult lockstep(Feature f, DType dtype, Function<RunSpec, EngineFactory> engines) {
        RunSpec spec = f.run().apply(dtype);
        return LockstepRun.of(spec).withEngine(engines.apply(spec)).run(e -> { });
    }
}
