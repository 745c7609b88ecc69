package lockstep.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import lockstep.LockstepException;

/** The benchmark results of a JMH JSON file (e.g. benchmarks/results/results.json) as an HTML table. */
final class BenchmarkTable {
    private BenchmarkTable() {
    }

    static String html(Path jmhJson) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(jmhJson.toFile());
        } catch (IOException e) {
            throw new LockstepException(jmhJson + ": cannot read JMH results: " + e.getMessage());
        }
        if (root == null || !root.isArray()) {
            throw new LockstepException(jmhJson + ": not a JMH JSON result file (expected an array)");
        }
        StringBuilder t = new StringBuilder("<table><tr><th>benchmark</th><th>parameters</th><th>score</th><th>error</th><th>unit</th></tr>\n");
        for (JsonNode b : root) {
            JsonNode m = b.path("primaryMetric");
            String name = b.path("benchmark").asText();
            t.append("<tr><td style=\"text-align:left\">").append(HtmlReport.escape(name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1)))
                    .append("</td><td style=\"text-align:left\">").append(HtmlReport.escape(b.path("params").toString()))
                    .append(String.format(Locale.ROOT, "</td><td>%.4g</td><td>%.2g</td><td>", m.path("score").asDouble(),
                            m.path("scoreError").asDouble()))
                    .append(HtmlReport.escape(m.path("scoreUnit").asText())).append("</td></tr>\n");
        }
        return t.append("</table>\n").toString();
    }
}
