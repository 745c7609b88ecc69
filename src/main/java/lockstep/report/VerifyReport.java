package lockstep.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lockstep.comparison.TolerancePolicy;
import lockstep.golden.GoldenScenario;
import lockstep.golden.ReplayTrace;
import lockstep.golden.ScenarioResult;
import lockstep.golden.SideResult;

/**
 * {@code verify --report}: the verdict, a table of every scenario, then per scenario its loss per
 * step as recorded next to the replays' (engine, and DL4J with --dl4j) and the engine's largest
 * difference from the golden data per stored step and parameter on a log scale.
 */
public final class VerifyReport {
    private VerifyReport() {
    }

    /** Writes {@code dir}/index.html and its charts, replacing {@code dir}; {@code benchmarks} may be null. */
    public static void write(Path dir, Path referenceData, List<ScenarioResult> results, Path benchmarks) {
        ReportPage page = new ReportPage("lockstep verify")
                .paragraph("Golden scenarios in " + referenceData + ", replayed and compared with their recordings.")
                .verdict(ScenarioResult.allPassed(results), GoldenReport.verdictLine(results));
        page.heading(2, "Scenarios").table(summaryRows(results));
        for (ScenarioResult r : results) {
            scenario(page, r);
        }
        page.benchmarks(benchmarks).write(dir);
    }

    private static List<List<String>> summaryRows(List<ScenarioResult> results) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("scenario", "run", "steps", "engine", "DL4J"));
        for (ScenarioResult r : results) {
            GoldenScenario g = r.scenario();
            if (g == null) {
                rows.add(List.of(r.name(), "", "", "ERROR", ""));
                continue;
            }
            rows.add(List.of(r.name(), g.spec().describe(), g.steps() + " (" + g.storedSteps().size() + " stored)",
                    r.engine() == null ? "not supported" : brief(r.engine(), r.planFailure()), r.dl4j() == null ? "not replayed" : brief(r.dl4j(), r.planFailure())));
        }
        return rows;
    }

    private static String brief(SideResult s, String planFailure) {
        if (planFailure != null || !s.passed()) {
            return "FAIL";
        }
        return s.bitIdentical() ? "PASS, bit-identical"
                : String.format(Locale.ROOT, "PASS, largest absolute %.1e", s.largestAbsolute());
    }

    private static void scenario(ReportPage page, ScenarioResult r) {
        page.heading(2, r.name());
        if (r.error() != null) {
            page.verdict(false, "ERROR  " + r.error());
            return;
        }
        GoldenScenario g = r.scenario();
        page.paragraph(g.description() + "  " + g.spec().describe() + ", recorded with " + g.provenance().library() + " "
                + g.provenance().version() + " (OMP_NUM_THREADS=" + g.provenance().ompNumThreads() + ") at "
                + g.provenance().createdAt() + ".");
        if (r.planFailure() != null) {
            page.verdict(false, "batches FAIL  " + r.planFailure());
        }
        if (r.engine() == null) {
            page.paragraph("engine  not supported: " + r.unsupported());
        }
        for (SideResult s : java.util.stream.Stream.of(r.engine(), r.dl4j()).filter(java.util.Objects::nonNull).toList()) {
            page.verdict(s.passed(), s.side() + "  " + (s.passed() ? "PASS" : "FAIL  " + s.failure()));
        }
        String file = fileName(r.name());
        List<Integer> steps = new ArrayList<>();
        List<Double> golden = new ArrayList<>();
        for (int t = 0; t < g.losses().length; t++) {
            steps.add(t + 1);
            golden.add(g.losses()[t]);
        }
        Map<String, List<Double>> losses = new LinkedHashMap<>();
        losses.put("golden (DL4J, recorded)", golden);
        if (r.engine() != null) {
            losses.put("engine, replayed" + (g.storedSteps().size() < g.steps() ? " (free running)" : ""),
                    r.engine().trace().losses());
        }
        if (r.dl4j() != null) {
            losses.put("DL4J, replayed", r.dl4j().trace().losses());
        }
        page.chart(file + "-loss.png", r.name() + ": loss per step, recorded and replayed",
                png -> Charts.losses(png, r.name() + ": loss per step", steps, losses));
        if (r.engine() == null) {
            return;
        }
        ReplayTrace engine = r.engine().trace();
        if (!engine.storedSteps().isEmpty()) {
            double atol = TolerancePolicy.defaultFor(g.dataType()).step().absolute();
            page.chart(file + "-difference.png", r.name() + ": largest absolute difference per stored step and parameter",
                    png -> Charts.differences(png, r.name() + ": largest absolute difference per stored step and parameter",
                            engine.storedSteps(), engine.differenceByParameter(), "absolute tolerance", atol,
                            "|engine - golden|"));
        }
    }

    /** A scenario name as a safe file name. */
    static String fileName(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
