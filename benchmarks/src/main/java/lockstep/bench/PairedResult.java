package lockstep.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One paired benchmark run ({@link PairedClock}) read from JMH's JSON: per fork, measured iterations 2i and 2i+1 (one
 * the engine's, one the other side's) form a pair, and each pair gives the mean operation time of each side in
 * seconds. Pairs in which a side ran no operation are dropped. Immutable.
 */
record PairedResult(String benchmark, String params, List<double[]> pairs) {

    static PairedResult of(JsonNode run) {
        JsonNode m = run.path("secondaryMetrics");
        JsonNode engineNanos = m.path("engineNanos").path("rawData");
        JsonNode engineOps = m.path("engineOps").path("rawData");
        JsonNode otherNanos = m.path("otherNanos").path("rawData");
        JsonNode otherOps = m.path("otherOps").path("rawData");
        List<double[]> pairs = new ArrayList<>();
        for (int fork = 0; fork < engineNanos.size(); fork++) {
            int iterations = engineNanos.get(fork).size();
            for (int i = 0; i + 1 < iterations; i += 2) {
                double en = 0, eo = 0, on = 0, oo = 0;
                for (int j = i; j <= i + 1; j++) {
                    en += engineNanos.get(fork).get(j).asDouble();
                    eo += engineOps.get(fork).get(j).asDouble();
                    on += otherNanos.get(fork).get(j).asDouble();
                    oo += otherOps.get(fork).get(j).asDouble();
                }
                if (eo > 0 && oo > 0) {
                    pairs.add(new double[] {en / eo * 1e-9, on / oo * 1e-9});
                }
            }
        }
        String benchmark = run.path("benchmark").asText();
        List<String> values = new ArrayList<>();
        run.path("params").elements().forEachRemaining(v -> values.add(v.asText()));
        return new PairedResult(benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1,
                benchmark.lastIndexOf('.')), String.join(" ", values), List.copyOf(pairs));
    }

    /** The other side's time over the engine's, one sample per pair (above 1: the engine is faster). */
    Interval otherOverEngine() {
        return Interval.of(pairs.stream().map(p -> p[1] / p[0]).toList());
    }

    /** The engine's time over the other side's, one sample per pair. */
    Interval engineOverOther() {
        return Interval.of(pairs.stream().map(p -> p[0] / p[1]).toList());
    }

    /** {@code flops} per engine operation over its mean time, in GFLOPS, one sample per pair. */
    Interval engineGflops(double flops) {
        return Interval.of(pairs.stream().map(p -> flops / p[0] / 1e9).toList());
    }

    /** The mean operation time of the engine (side 0) or the other side (1) over all pairs, in seconds. */
    double meanSeconds(int side) {
        return pairs.stream().mapToDouble(p -> p[side]).average().orElse(Double.NaN);
    }
}
