package lockstep.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import lockstep.report.JmhScore;

/**
 * The speed targets of issue 16, each judged on a measured 95% interval: met when the whole interval is on the right
 * side of the target, MISSED when the whole interval is on the wrong side, unsure when the interval holds the target
 * (the run cannot tell). A target whose measurement has fewer than two samples is judged on its mean and says so.
 * Printing only: the exit code of ResultsTable does not depend on them.
 */
final class Targets {
    /** Train-step networks and their DL4J/engine targets, in table order. */
    static final Map<String, Double> STEP = new java.util.LinkedHashMap<>();

    static {
        STEP.put("4-16(tanh)-3/B16", 500.0);
        STEP.put("784-128(relu)-10/B128", 12.0);
        STEP.put("784-512(relu)-256(relu)-10/B128", 8.0);
        STEP.put("1024-1024(relu)-10/B256", 6.0);
        STEP.put("lenet/B64", 2.0);                 // issue 15: the engine at least 2x faster on DL4J's LeNet
    }

    static final double EPOCH = 10;
    static final double MATMUL = 1.0;
    /** Share of the 2-thread FMA peak of its type the engine's 1024³ product reaches, in percent. */
    static final double PEAK_SHARE = 80;
    /** The oracle's overhead over DL4J's bare fit, in percent, per network. */
    static final Map<String, Double> ORACLE = Map.of("4-16(tanh)-3/B16", 25.0, "784-128(relu)-10/B128", 10.0);

    private Targets() {
    }

    /** How a measured interval stands against a target. */
    enum Verdict {
        MET("met"), MISSED("MISSED"), UNSURE("unsure");

        final String word;

        Verdict(String word) {
            this.word = word;
        }
    }

    /** Met, missed or unsure: {@code atLeast} says whether the target is a floor (else a ceiling). */
    static Verdict judge(Interval x, double target, boolean atLeast) {
        double lo = x.hasBounds() ? x.low() : x.mean();
        double hi = x.hasBounds() ? x.high() : x.mean();
        if (atLeast ? lo >= target : hi <= target) {
            return Verdict.MET;
        } else if (atLeast ? hi < target : lo > target) {
            return Verdict.MISSED;
        }
        return Verdict.UNSURE;
    }

    /**
     * Prints every target {@code paired} (the main run's paired results by label key), {@code peak} (PeakBenchmark's
     * GFLOPS by method) and {@code zeroAllocation} (the steady-state allocation line, or null) can judge.
     */
    static void print(Map<String, PairedResult> paired, Map<String, Double> peak, ResultsTable.Allocation zeroAllocation) {
        System.out.println("targets (issue 16; met: the whole 95% interval is on the target's side, MISSED: none of it,"
                + " unsure: it holds the target):");
        STEP.forEach((network, target) -> ratio(paired.get("PairedStepBenchmark " + network),
                "train step " + Mlp.parse(network).shortName() + ": DL4J/engine >= " + JmhScore.ratio(target), target));
        paired.values().stream().filter(p -> p.benchmark().equals("PairedEpochBenchmark")).forEach(p -> ratio(p,
                "epoch 60000x784 " + Mlp.parse(p.params()).shortName() + ": DL4J/engine >= " + JmhScore.ratio(EPOCH), EPOCH));
        for (String product : List.of("square-512", "square-1024")) {
            for (String type : List.of("FLOAT", "DOUBLE")) {
                ratio(paired.get("PairedMatMulBenchmark " + product + " " + type), "matmul "
                        + Product.parse(product).shortName() + " " + type + ": Nd4j.gemm/FastMatMul >= 1.0x", MATMUL);
            }
        }
        for (String type : List.of("FLOAT", "DOUBLE")) {
            PairedResult p = paired.get("PairedMatMulBenchmark square-1024 " + type);
            Double two = peak.get(type.toLowerCase(Locale.ROOT) + "TwoThreads");
            if (p != null && two != null) {
                Interval share = p.engineGflops(Product.parse("square-1024").flops()).map(g -> 100 * g / two);
                line(judge(share, PEAK_SHARE, true), "matmul 1024³ " + type + ": FastMatMul >= " + (int) PEAK_SHARE
                        + "% of the 2-thread " + type.toLowerCase(Locale.ROOT) + " FMA peak (" + String.format(Locale.ROOT,
                        "%.0f GFLOPS)", two), percent(share, false));
            }
        }
        ORACLE.forEach((network, target) -> {
            PairedResult p = paired.get("OracleBenchmark " + network);
            if (p != null) {
                Interval overhead = p.engineOverOther().map(r -> 100 * (r - 1));
                line(judge(overhead, target, false), "compare's overhead over DL4J's bare fit, "
                        + Mlp.parse(network).shortName() + ": <= " + target.intValue() + "%", percent(overhead, true));
            }
        });
        if (zeroAllocation != null) {
            line(zeroAllocation.met() ? Verdict.MET : Verdict.MISSED,
                    "train step, steady state: the engine allocates 0 B/op", zeroAllocation.measured());
        }
    }

    private static void ratio(PairedResult p, String what, double target) {
        if (p != null) {
            Interval r = p.otherOverEngine();
            line(judge(r, target, true), what, ratios(r));
        }
    }

    /** "421x [328x, 514x]", or "421x (no interval)" below two samples. */
    static String ratios(Interval r) {
        return JmhScore.ratio(r.mean()) + (r.hasBounds()
                ? " [" + JmhScore.ratio(r.low()) + ", " + JmhScore.ratio(r.high()) + "]" : " (no interval)");
    }

    private static String percent(Interval x, boolean signed) {
        String f = signed ? "%+.0f%%" : "%.0f%%";
        return String.format(Locale.ROOT, f, x.mean()) + (x.hasBounds()
                ? String.format(Locale.ROOT, " [" + f + ", " + f + "]", x.low(), x.high()) : " (no interval)");
    }

    private static void line(Verdict verdict, String what, String measured) {
        System.out.printf(Locale.ROOT, "  %-7s %-76s %s%n", verdict.word, what, measured);
    }
}
