package lockstep.report;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import lockstep.comparison.TolerancePolicy;
import lockstep.dl4j.Nd4jRuntime;
import lockstep.golden.GoldenScenario;
import lockstep.golden.ScenarioResult;
import lockstep.golden.SideResult;

/** Prints verify's results for a person: per scenario a title and one line per side, then a verdict over all. */
public final class GoldenReport {
    private final PrintStream out;

    public GoldenReport(PrintStream out) {
        this.out = out;
    }

    /** The engine replayed, when it is not lockstep's matrix engine: one line before the scenarios. */
    public void engine(String name) {
        out.println("engine: " + name);
    }

    /** One scenario: its title line, then {@code engine PASS ...}, {@code dl4j PASS ...} or the error. */
    public void scenario(ScenarioResult r) {
        GoldenScenario g = r.scenario();
        if (g == null) {
            out.println(r.name());
            out.println("  ERROR   " + r.error());
            return;
        }
        int stored = g.storedSteps().size();
        out.println(r.name() + "  " + g.spec().describe() + "  (" + g.steps() + " steps, "
                + (stored == g.steps() ? "all stored" : stored + " stored, every " + g.checkpointEvery())
                + "; recorded with DL4J " + g.provenance().version() + ", OMP_NUM_THREADS=" + g.provenance().ompNumThreads()
                + ")");
        if (r.planFailure() != null) {
            out.println("  batches FAIL  " + r.planFailure());
        }
        TolerancePolicy policy = TolerancePolicy.defaultFor(g.dataType());
        out.println("  engine  " + (r.engine() == null ? "UNSUPPORTED  " + r.unsupported() : side(r.engine(), policy)));
        if (r.dl4j() != null) {
            String threads = g.provenance().ompNumThreads() == Nd4jRuntime.threadCount() ? ""
                    : "  (recorded with OMP_NUM_THREADS=" + g.provenance().ompNumThreads() + ", now "
                    + Nd4jRuntime.threadCount() + ": the low bits may differ)";
            out.println("  dl4j    " + side(r.dl4j(), policy) + threads);
        }
    }

    private static String side(SideResult s, TolerancePolicy policy) {
        if (!s.passed()) {
            return "FAIL  " + s.failure();
        }
        String steps = s.steps() + " steps, " + s.storedCompared() + " stored compared";
        if (s.bitIdentical()) {
            return "PASS  " + steps + ": bit-identical";
        }
        String line = String.format(Locale.ROOT, "PASS  %s: worst step difference %s (tolerance %.0e), largest absolute %s",
                steps, ParityReport.err(s.worstStep()), policy.step().relative(), ParityReport.err(s.largestAbsolute()));
        if (s.side().equals("engine")) {
            line += String.format(Locale.ROOT, ", drift %s (tolerance %s)", ParityReport.err(s.worstDrift()),
                    Double.isInfinite(policy.trajectory().relative()) ? "none: reported only"
                            : String.format(Locale.ROOT, "%.0e", policy.trajectory().relative()));
        }
        return line;
    }

    /** The verdict over every scenario verified. */
    public void verdict(List<ScenarioResult> results) {
        out.println(verdictLine(results));
    }

    /**
     * {@code PASS  17 scenarios}, {@code FAIL  2 of 17 scenarios: a (FAIL), b (ERROR)}, each followed, when the engine
     * refused some, by {@code ; 3 not supported by the engine: c, d, e}.
     */
    public static String verdictLine(List<ScenarioResult> results) {
        List<ScenarioResult> bad = results.stream().filter(r -> r.status() == ScenarioResult.Status.FAIL
                || r.status() == ScenarioResult.Status.ERROR).toList();
        List<String> unsupported = results.stream().filter(r -> r.status() == ScenarioResult.Status.UNSUPPORTED)
                .map(ScenarioResult::name).toList();
        String refused = unsupported.isEmpty() ? "" : "; " + unsupported.size() + " not supported by the engine: "
                + String.join(", ", unsupported);
        int ran = results.size() - unsupported.size();
        if (ScenarioResult.allPassed(results)) {
            return "PASS  " + ran + " scenario" + (ran == 1 ? "" : "s") + refused;
        }
        if (bad.isEmpty()) {
            return "FAIL  no scenario replayed" + refused;
        }
        return "FAIL  " + bad.size() + " of " + results.size() + " scenarios: " + String.join(", ",
                bad.stream().map(r -> r.name() + " (" + r.status() + ")").toList()) + refused;
    }
}
