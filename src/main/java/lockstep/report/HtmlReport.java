package lockstep.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lockstep.LockstepException;
import lockstep.harness.EpochSummary;
import lockstep.harness.LockstepResult;
import lockstep.harness.ParityReport;
import lockstep.harness.Quantity;
import lockstep.spec.SpecJson;

/**
 * An HTML page with PNG charts for a lockstep run: the verdict, the two loss curves overlaid, the
 * relative difference per step and parameter on a log scale, the per-epoch table, the spec, and the
 * benchmark results when a JMH result file is given. Written atomically into a directory.
 */
public final class HtmlReport {
    private HtmlReport() {
    }

    /** Writes {@code dir}/index.html and its charts; {@code benchmarks} may be null. */
    public static void write(Path dir, LockstepResult result, RunTrace trace, Path benchmarks) {
        Path staged = null;
        try {
            staged = AtomicDirectory.staging(dir);
            StringBuilder html = new StringBuilder();
            html.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>lockstep report</title>\n<style>")
                    .append("body{font-family:sans-serif;margin:2em;max-width:960px} table{border-collapse:collapse;font-size:90%}")
                    .append(" td,th{border:1px solid #ccc;padding:2px 6px;text-align:right} .PASS{color:#070} .FAIL{color:#b00}")
                    .append(" pre{background:#f4f4f4;padding:1em;overflow:auto}</style></head>\n<body>\n");
            html.append("<h1>lockstep compare</h1>\n<p>").append(escape(result.spec().describe())).append("</p>\n");
            String verdict = ParityReport.verdictLine(result);
            html.append("<p class=\"").append(result.passed() ? "PASS" : "FAIL").append("\"><b>").append(escape(verdict))
                    .append("</b></p>\n");
            if (!trace.steps().isEmpty()) {
                Charts.losses(staged.resolve("loss.png"), trace.steps(), trace.engineLoss(), trace.dl4jLoss());
                Charts.differences(staged.resolve("difference.png"), trace.steps(), trace.differenceByParameter(),
                        result.tolerance().step().absolute());
                html.append("<h2>Loss</h2>\n<img src=\"loss.png\" alt=\"training loss per step, engine and DL4J\">\n");
                html.append("<h2>Difference per step</h2>\n<img src=\"difference.png\" alt=\"largest absolute difference per step and parameter\">\n");
            }
            List<EpochSummary> validated = trace.epochs().stream().filter(e -> e.validation() != null).toList();
            if (!validated.isEmpty()) {
                Map<String, List<Double>> curves = new LinkedHashMap<>();
                curves.put("engine", validated.stream().map(e -> e.validation().engineLoss()).toList());
                curves.put("DL4J", validated.stream().map(e -> e.validation().dl4jLoss()).toList());
                Charts.curves(staged.resolve("validation.png"), "Validation loss after every epoch", "validation loss",
                        validated.stream().map(EpochSummary::epoch).toList(), curves);
                html.append("<h2>Validation</h2>\n<img src=\"validation.png\" alt=\"validation loss per epoch, engine and DL4J\">\n");
            }
            html.append("<h2>Epochs</h2>\n<table><tr><th>epoch</th><th>steps</th><th>engine loss</th><th>DL4J loss</th>")
                    .append("<th>loss</th><th>gradient</th><th>update</th><th>parameter</th><th>drift</th></tr>\n");
            for (EpochSummary e : trace.epochs()) {
                html.append(String.format(Locale.ROOT,
                        "<tr><td>%d</td><td>%d</td><td>%.8f</td><td>%.8f</td><td>%.1e</td><td>%.1e</td><td>%.1e</td><td>%.1e</td><td>%.1e</td></tr>%n",
                        e.epoch(), e.steps(), e.engineLoss(), e.dl4jLoss(), e.worst(Quantity.LOSS), e.worst(Quantity.GRADIENT),
                        e.worst(Quantity.UPDATE), e.worst(Quantity.PARAMETER), e.worstDrift()));
            }
            html.append("</table>\n");
            if (benchmarks != null) {
                html.append("<h2>Benchmarks</h2>\n").append(BenchmarkTable.html(benchmarks));
            }
            html.append("<h2>Spec</h2>\n<pre>").append(escape(SpecJson.write(result.spec()))).append("</pre>\n");
            // a test hook that also tells a person when an image failed to load
            html.append("<script>window.addEventListener('load',()=>{const i=[...document.images];")
                    .append("document.body.dataset.images=i.length;document.body.dataset.imagesLoaded=")
                    .append("i.filter(x=>x.complete&&x.naturalWidth>0).length;});</script>\n</body></html>\n");
            Files.writeString(staged.resolve("index.html"), html, StandardCharsets.UTF_8);
            AtomicDirectory.commit(staged, dir);
        } catch (IOException e) {
            try {
                if (staged != null) {
                    AtomicDirectory.delete(staged);
                }
            } catch (IOException ignored) {
                // the staging directory is left behind; the target is untouched either way
            }
            throw new LockstepException(dir + ": cannot write the report: " + e.getMessage(), e);
        }
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
