package lockstep.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lockstep.io.IoErrors;
import lockstep.LockstepException;

/**
 * The benchmark results of a JMH JSON file (e.g. benchmarks/results/results.json) as the report's
 * ratio table: one row per benchmark class and parameter value, the engine's time next to the other
 * side's (DL4J, or ND4J for the matrix products), and the other side's time divided by the engine's. Only the
 * benchmarks with an {@code engine} method and another side appear; the paired benchmarks' ratios with their
 * intervals are printed by {@code benchmarks/run} (docs/benchmarks.md).
 */
final class BenchmarkTable {
    private BenchmarkTable() {
    }

    static String html(Path jmhJson) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(jmhJson.toFile());
        } catch (IOException e) {
            throw new LockstepException(jmhJson + ": cannot read JMH results: " + IoErrors.describe(e));
        }
        if (root == null || !root.isArray()) {
            throw new LockstepException(jmhJson + ": not a JMH JSON result file (expected an array)");
        }
        Map<String, Map<String, JsonNode>> pairs = new LinkedHashMap<>();   // "Class params" -> method -> run
        for (JsonNode run : root) {
            String benchmark = run.path("benchmark").asText();
            int dot = benchmark.lastIndexOf('.');
            if (dot < 1) {
                throw new LockstepException(jmhJson + ": a result without a benchmark name");
            }
            String cls = benchmark.substring(benchmark.lastIndexOf('.', dot - 1) + 1, dot);
            List<String> params = new ArrayList<>();
            run.path("params").fields().forEachRemaining(p -> params.add(p.getValue().asText()));
            pairs.computeIfAbsent(cls.replace("Benchmark", "") + " " + String.join(" ", params), k -> new LinkedHashMap<>())
                    .put(benchmark.substring(dot + 1), run);
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("benchmark", "engine", "DL4J/ND4J", "DL4J/engine"));
        pairs.forEach((name, sides) -> {
            JsonNode engine = sides.get("engine");
            if (engine == null) {
                return;   // a paired benchmark (one method, both sides) or one side only (the FMA peak, the protocol)
            }
            JsonNode other = sides.entrySet().stream().filter(e -> !e.getKey().equals("engine")).map(Map.Entry::getValue)
                    .findFirst().orElse(null);
            double te = JmhScore.seconds(engine);
            double to = JmhScore.seconds(other);
            rows.add(List.of(name, JmhScore.time(engine), JmhScore.time(other),
                    Double.isFinite(te) && Double.isFinite(to) ? JmhScore.ratio(to / te) : ""));
        });
        return new ReportPage.Table(rows).html();
    }
}
