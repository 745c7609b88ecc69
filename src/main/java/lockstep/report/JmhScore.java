package lockstep.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * Reads one run of a JMH JSON result file: its primary score as seconds per operation and as text with
 * the relative error. Shared by the reports and the benchmarks project's results table.
 */
public final class JmhScore {
    private JmhScore() {
    }

    /** The primary score in seconds per operation; NaN without a run or for a unit that is not a time per operation. */
    public static double seconds(JsonNode run) {
        if (run == null) {
            return Double.NaN;
        }
        JsonNode metric = run.path("primaryMetric");
        double unit = switch (metric.path("scoreUnit").asText()) {
            case "ns/op" -> 1e-9;
            case "us/op" -> 1e-6;
            case "ms/op" -> 1e-3;
            case "s/op" -> 1.0;
            default -> Double.NaN;
        };
        return metric.path("score").asDouble(Double.NaN) * unit;
    }

    /** The score as a duration with its 99.9% error in percent ("22.2 µs ±25%"); empty without a score. */
    public static String time(JsonNode run) {
        double s = seconds(run);
        if (!Double.isFinite(s)) {
            return "";
        }
        JsonNode metric = run.path("primaryMetric");
        double relError = metric.path("scoreError").asDouble(Double.NaN) / metric.path("score").asDouble();
        String error = Double.isFinite(relError) ? String.format(Locale.ROOT, " ±%.0f%%", 100 * relError) : "";
        return duration(s) + error;
    }

    /** Three significant digits in µs, ms or s. */
    public static String duration(double s) {
        if (s < 1e-3) {
            return String.format(Locale.ROOT, "%.3g µs", s * 1e6);
        } else if (s < 1) {
            return String.format(Locale.ROOT, "%.3g ms", s * 1e3);
        }
        return String.format(Locale.ROOT, "%.3g s", s);
    }

    /** A speed ratio: "75x" from 10 up, "1.25x" below. */
    public static String ratio(double r) {
        return String.format(Locale.ROOT, r >= 10 ? "%.0fx" : "%.2fx", r);
    }
}
