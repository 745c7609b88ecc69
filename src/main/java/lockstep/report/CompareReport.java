package lockstep.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lockstep.comparison.Quantity;
import lockstep.harness.EpochSummary;
import lockstep.harness.LockstepResult;
import lockstep.spec.SpecJson;

/**
 * {@code compare --report}: the verdict, the two loss curves overlaid, the worst relative and the largest
 * absolute difference per step and parameter on a log scale, the validation curves when the run validated, the per-epoch table, the
 * benchmark ratio table when JMH results are given, and the spec.
 */
public final class CompareReport {
    private CompareReport() {
    }

    /**
     * Writes {@code dir}/index.html and its charts, replacing {@code dir}; {@code engine} names the engine checked
     * ("matrix", "autograd", a class or a command); {@code benchmarks} may be null.
     */
    public static void write(Path dir, LockstepResult result, RunTrace trace, String engine, Path benchmarks) {
        ReportPage page = new ReportPage("lockstep compare").paragraph(result.spec().describe())
                .paragraph("Engine checked against DL4J: " + engine + ".")
                .verdict(result.passed(), ParityReport.verdictLine(result));
        if (!trace.steps().isEmpty()) {
            page.heading(2, "Loss").chart("loss.png", "training loss per step, engine and DL4J",
                    png -> Charts.losses(png, "Training loss per step", trace.steps(),
                            sides("engine", trace.engineLoss(), "DL4J", trace.dl4jLoss())));
            page.heading(2, "Difference per step")
                    .paragraph("The step check: each step starts both sides from DL4J's parameters and updater state;"
                            + " per parameter the worst difference of its gradient, update, value and updater state.")
                    .chart("relative.png", "worst relative difference per step and parameter",
                            png -> Charts.differences(png, "Worst relative difference per step and parameter",
                                    trace.steps(), trace.relativeByParameter(), "relative tolerance",
                                    result.tolerance().step().relative(), "relative difference"))
                    .chart("difference.png", "largest absolute difference per step and parameter",
                            png -> Charts.differences(png, "Largest absolute difference per step and parameter",
                                    trace.steps(), trace.differenceByParameter(), "absolute tolerance",
                                    result.tolerance().step().absolute(), "|engine - DL4J|"));
        }
        List<EpochSummary> validated = trace.epochs().stream().filter(e -> e.validation() != null).toList();
        if (!validated.isEmpty()) {
            Map<String, List<Double>> curves = new LinkedHashMap<>();
            curves.put("engine", validated.stream().map(e -> e.validation().engineLoss()).toList());
            curves.put("DL4J", validated.stream().map(e -> e.validation().dl4jLoss()).toList());
            page.heading(2, "Validation").chart("validation.png", "validation loss per epoch, engine and DL4J",
                    png -> Charts.curves(png, "Validation loss after every epoch", "validation loss",
                            validated.stream().map(EpochSummary::epoch).toList(), curves));
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("epoch", "steps", "engine loss", "DL4J loss", "loss", "gradient", "update", "parameter", "drift"));
        for (EpochSummary e : trace.epochs()) {
            rows.add(List.of(Integer.toString(e.epoch()), Integer.toString(e.steps()), fixed(e.engineLoss()),
                    fixed(e.dl4jLoss()), sci(e.worst(Quantity.LOSS)), sci(e.worst(Quantity.GRADIENT)),
                    sci(e.worst(Quantity.UPDATE)), sci(e.worst(Quantity.PARAMETER)), sci(e.worstDrift())));
        }
        page.heading(2, "Epochs").paragraph("Worst relative difference per quantity (step check) and the trajectory drift.")
                .table(rows).benchmarks(benchmarks).heading(2, "Spec").preformatted(SpecJson.write(result.spec()))
                .write(dir);
    }

    /** Two named series, in this order. */
    static Map<String, List<Double>> sides(String first, List<Double> a, String second, List<Double> b) {
        Map<String, List<Double>> m = new LinkedHashMap<>();
        m.put(first, a);
        m.put(second, b);
        return m;
    }

    static String fixed(double v) {
        return String.format(Locale.ROOT, "%.8f", v);
    }

    static String sci(double v) {
        return String.format(Locale.ROOT, "%.1e", v);
    }
}
