package lockstep.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lockstep.report.JmhScore;

/**
 * The paired benchmarks' section of ResultsTable: per benchmark, each side's mean operation time and the ratio
 * other/engine with its 95% interval, for the main run (both sides on OMP_NUM_THREADS threads) and, when given, a run
 * with one thread a side; then the oracle's overhead and the FMA peak with the large products' share of it.
 */
final class PairedTable {
    /** The paired benchmark classes, in table order. */
    static final List<Class<?>> CLASSES = List.of(PairedStepBenchmark.class, PairedEpochBenchmark.class,
            PairedMatMulBenchmark.class, PairedConvLayerBenchmark.class, OracleBenchmark.class);

    private PairedTable() {
    }

    /** The paired runs of a JMH results file by "SimpleClassName params" (e.g. "PairedMatMulBenchmark square-512 FLOAT"). */
    static Map<String, PairedResult> results(JsonNode runs) {
        Map<String, PairedResult> out = new LinkedHashMap<>();
        for (Class<?> cls : CLASSES) {
            for (JsonNode run : runs) {
                if (ResultsTable.isOf(run, cls)) {
                    PairedResult p = PairedResult.of(run);
                    out.put(p.benchmark() + " " + p.params(), p);
                }
            }
        }
        return out;
    }

    /** The ratio table of every paired run but the oracle's, then the oracle's overhead; nothing when none ran. */
    static void print(Map<String, PairedResult> main, Map<String, PairedResult> oneThread) {
        List<String[]> rows = new ArrayList<>();
        String threads = System.getenv().getOrDefault("OMP_NUM_THREADS", "?");
        rows.add(new String[] {"benchmark", "engine", "DL4J/ND4J", "DL4J/engine, " + threads + " threads a side",
            "pairs", "DL4J/engine, 1 thread a side", "pairs"});
        main.forEach((key, p) -> {
            if (!p.benchmark().equals(OracleBenchmark.class.getSimpleName())) {
                PairedResult one = oneThread.get(key);
                rows.add(new String[] {label(p), duration(p, 0), duration(p, 1), ratios(p),
                    Integer.toString(p.pairs().size()), one == null ? "" : ratios(one),
                    one == null ? "" : Integer.toString(one.pairs().size())});
            }
        });
        if (rows.size() > 1) {
            System.out.println("paired measurements (engine and DL4J/ND4J in alternating iterations, each adjacent two a"
                    + " pair; ratio: mean [95% interval] over the pairs):");
            ResultsTable.print(rows);
            System.out.println();
        }
        boolean header = false;
        for (PairedResult p : main.values()) {
            if (p.benchmark().equals(OracleBenchmark.class.getSimpleName())) {
                if (!header) {
                    System.out.println("the oracle's own cost: compare (DOUBLE, " + OracleBenchmark.EPOCHS + " epochs) over"
                            + " DL4J's bare fit of as many batches, paired:");
                    header = true;
                }
                Interval overhead = p.engineOverOther().map(r -> 100 * (r - 1));
                System.out.printf(Locale.ROOT, "  %-34s compare %9s, fit %9s: overhead %s%n", p.params(),
                        duration(p, 0), duration(p, 1), p.pairs().isEmpty() ? NO_PAIR : overhead.hasBounds()
                                ? String.format(Locale.ROOT, "%+.0f%% [%+.0f%%, %+.0f%%]", overhead.mean(), overhead.low(),
                                overhead.high()) : String.format(Locale.ROOT, "%+.0f%% (no interval)", overhead.mean()));
            }
        }
        if (header) {
            System.out.println();
        }
    }

    /** The FMA peak per type and thread count, and the engine's 1024³ products as a share of the 2-thread peak. */
    static void printPeak(Map<String, Double> peak, Map<String, PairedResult> paired) {
        System.out.println("FMA peak (PeakBenchmark, Vector API on registers, GFLOPS over all threads):");
        for (String type : new String[] {"float", "double"}) {
            System.out.printf(Locale.ROOT, "  %-7s 1 thread %7.1f   2 threads %7.1f%n", type,
                    peak.getOrDefault(type + "OneThread", Double.NaN), peak.getOrDefault(type + "TwoThreads", Double.NaN));
            PairedResult p = paired.get("PairedMatMulBenchmark square-1024 " + type.toUpperCase(Locale.ROOT));
            Double two = peak.get(type + "TwoThreads");
            if (p != null && two != null) {
                double flops = Product.parse("square-1024").flops();
                double engine = flops / p.meanSeconds(0) / 1e9;
                double nd4j = flops / p.meanSeconds(1) / 1e9;
                System.out.printf(Locale.ROOT, "          matmul 1024³: FastMatMul %.1f GFLOPS = %.0f%% of the 2-thread peak;"
                        + " Nd4j.gemm %.1f = %.0f%%%n", engine, 100 * engine / two, nd4j, 100 * nd4j / two);
            }
        }
        System.out.println();
    }

    private static final String NO_PAIR = "no pair (it needs two measured iterations, one a side)";

    private static String duration(PairedResult p, int side) {
        return p.pairs().isEmpty() ? "-" : JmhScore.duration(p.meanSeconds(side));
    }

    private static String ratios(PairedResult p) {
        return p.pairs().isEmpty() ? NO_PAIR : Targets.ratios(p.otherOverEngine());
    }

    private static String label(PairedResult p) {
        return switch (p.benchmark()) {
            case "PairedStepBenchmark" -> "train step " + p.params();
            case "PairedEpochBenchmark" -> "epoch 60000x784 " + p.params();
            case "PairedMatMulBenchmark" -> {
                String[] productAndType = p.params().split(" ");
                yield "matmul " + Product.parse(productAndType[0]).shortName() + " " + productAndType[1];
            }
            case "PairedConvLayerBenchmark" -> "conv layer fwd+bwd LeNet conv2 B64 FLOAT";
            default -> p.benchmark() + " " + p.params();
        };
    }
}
