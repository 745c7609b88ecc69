package lockstep.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lockstep.report.JmhScore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

/**
 * Prints JMH's JSON results as one table row per benchmark pair: the engine's time, DL4J's (ND4J's for
 * the matrix products), DL4J's time divided by the engine's (above 1: the engine is faster), GFLOPS
 * of the matrix products on each side and heap bytes allocated per operation ({@code -prof gc}).
 * Then one closing line, {@code benchmarks: N passed, M failed}: N counts the benchmark runs with a
 * result; with {@code --all}, M counts the runs the benchmark classes define (methods times
 * parameter values) that have none, else the runs in the file without a finite score.
 *
 * <p>With {@code --targets}, the targets of issue 6 (speed-ups, GFLOPS, 0 B/op) follow the table, each met
 * or missed with the measured number; they never change the exit code.
 *
 * <p>Usage: {@code java -cp benchmarks.jar lockstep.bench.ResultsTable [--all] [--targets] results.json}.
 * Exit code 0 when M is 0, 1 otherwise, 2 when the file cannot be read.
 */
public final class ResultsTable {
    /** The benchmark classes in table order; each has a method {@code engine} and one other side. */
    static final List<Class<?>> CLASSES = List.of(TrainingStepBenchmark.class, EpochBenchmark.class, MatMulBenchmark.class);

    private ResultsTable() {
    }

    public static void main(String[] args) {
        List<String> flags = List.of(args).subList(0, Math.max(0, args.length - 1));
        boolean all = flags.contains("--all");
        boolean targets = flags.contains("--targets");
        if (args.length == 0 || args[args.length - 1].startsWith("--")
                || !List.of("--all", "--targets").containsAll(flags)) {
            System.err.println("usage: ResultsTable [--all] [--targets] RESULTS.json");
            System.exit(2);
        }
        String file = args[args.length - 1];
        JsonNode runs;
        try {
            runs = new ObjectMapper().readTree(new File(file));
        } catch (IOException e) {
            System.err.println("error: cannot read JMH results " + file + ": " + e.getMessage());
            System.exit(2);
            return;
        }
        Map<String, Map<String, JsonNode>> pairs = new LinkedHashMap<>();   // "Class param" -> side -> run
        Map<String, Measured> measured = new LinkedHashMap<>();               // "Class param" -> numbers
        for (JsonNode run : runs) {
            String benchmark = run.path("benchmark").asText();
            int dot = benchmark.lastIndexOf('.');
            String cls = benchmark.substring(benchmark.lastIndexOf('.', dot - 1) + 1, dot);
            pairs.computeIfAbsent(key(cls, paramValue(run)), k -> new LinkedHashMap<>())
                    .put(benchmark.substring(dot + 1), run);
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"benchmark", "engine", "DL4J/ND4J", "DL4J/engine", "GFLOPS engine",
                "GFLOPS DL4J/ND4J", "alloc engine", "alloc DL4J/ND4J"});
        int passed = 0;
        int failed = 0;
        for (Class<?> cls : CLASSES) {
            for (String param : paramValues(cls)) {
                Map<String, JsonNode> sides = pairs.getOrDefault(key(cls.getSimpleName(), param), Map.of());
                for (String method : benchmarkMethods(cls)) {
                    boolean ran = sides.containsKey(method);
                    if (ran && Double.isFinite(seconds(sides.get(method)))) {
                        passed++;
                    } else if (ran || all) {
                        failed++;
                    }
                }
                if (sides.isEmpty()) {
                    continue;
                }
                JsonNode engine = sides.get("engine");
                JsonNode other = sides.entrySet().stream().filter(e -> !e.getKey().equals("engine"))
                        .map(Map.Entry::getValue).findFirst().orElse(null);
                double flops = flops(cls, param);
                double te = seconds(engine);
                double to = seconds(other);
                measured.put(key(cls.getSimpleName(), param), new Measured(te, to, flops, allocated(engine),
                        iterationSeconds(engine)));
                rows.add(new String[] {label(cls, param), JmhScore.time(engine), JmhScore.time(other),
                        Double.isFinite(te) && Double.isFinite(to) ? JmhScore.ratio(to / te) : "",
                        gflops(flops, te), gflops(flops, to), bytes(engine), bytes(other)});
            }
        }
        print(rows);
        System.out.println();
        printPaired(runs);
        printOracle(runs);
        Map<String, Double> peak = peakGflops(runs);
        if (!peak.isEmpty()) {
            printPeak(peak, measured.get(key(MatMulBenchmark.class.getSimpleName(), "square-1024")));
            System.out.println();
        }
        if (targets) {
            printTargets(measured);
            System.out.println();
        }
        System.out.println("benchmarks: " + passed + " passed, " + failed + " failed");
        System.exit(failed == 0 ? 0 : 1);
    }

    /**
     * PairedStepBenchmark's ratios: per fork, each two adjacent measured iterations (one engine's, one DL4J's) give
     * DL4J's mean step time over the engine's; printed per network as the mean ratio and its 95% interval (Student's
     * t over the pairs). Nothing when it did not run.
     */
    static void printPaired(JsonNode runs) {
        boolean header = false;
        for (JsonNode run : runs) {
            if (!isOf(run, PairedStepBenchmark.class)) {
                continue;
            }
            JsonNode m = run.path("secondaryMetrics");
            List<Double> ratios = pairedRatios(m.path("engineNanos").path("rawData"), m.path("engineSteps").path("rawData"),
                    m.path("dl4jNanos").path("rawData"), m.path("dl4jSteps").path("rawData"));
            if (!header) {
                System.out.println("train step DL4J/engine from paired measurements (adjacent engine and DL4J iterations;"
                        + " mean and 95% interval):");
                header = true;
            }
            if (ratios.isEmpty()) {
                System.out.printf(Locale.ROOT, "  %-34s no pair (it needs two measured iterations: one a side)%n",
                        paramValue(run));
                continue;
            }
            double[] ci = meanInterval(ratios);
            System.out.printf(Locale.ROOT, "  %-34s %8s  [%s, %s]  %d pairs%n", paramValue(run), JmhScore.ratio(ci[0]),
                    JmhScore.ratio(ci[1]), JmhScore.ratio(ci[2]), ratios.size());
        }
        if (header) {
            System.out.println();
        }
    }

    /** OracleBenchmark: per network, a whole compare's time over DL4J's bare fit of as many batches, minus 1. */
    static void printOracle(JsonNode runs) {
        Map<String, Map<String, Double>> byNetwork = new LinkedHashMap<>();
        for (JsonNode run : runs) {
            String benchmark = run.path("benchmark").asText();
            if (isOf(run, OracleBenchmark.class)) {
                byNetwork.computeIfAbsent(paramValue(run), k -> new LinkedHashMap<>())
                        .put(benchmark.substring(benchmark.lastIndexOf('.') + 1), seconds(run));
            }
        }
        if (byNetwork.isEmpty()) {
            return;
        }
        System.out.println("the oracle's own cost: compare (DOUBLE, " + OracleBenchmark.EPOCHS + " epochs) over DL4J's bare"
                + " fit of as many batches (targets: overhead under 25% on Iris, under 10% at 784-128-10 B128):");
        byNetwork.forEach((network, t) -> {
            Double compare = t.get("compare");
            Double fit = t.get("dl4jFit");
            if (compare != null && fit != null) {
                System.out.printf(Locale.ROOT, "  %-34s compare %8.1f ms, fit %8.1f ms: overhead %+.0f%%%n", network,
                        compare * 1e3, fit * 1e3, 100 * (compare / fit - 1));
            }
        });
        System.out.println();
    }

    /** Per fork (a row of each array), the ratio dl4j/engine of mean step times of iterations 2i and 2i+1. */
    static List<Double> pairedRatios(JsonNode engineNanos, JsonNode engineSteps, JsonNode dl4jNanos, JsonNode dl4jSteps) {
        List<Double> out = new ArrayList<>();
        for (int fork = 0; fork < engineNanos.size(); fork++) {
            int iterations = engineNanos.get(fork).size();
            for (int i = 0; i + 1 < iterations; i += 2) {
                double e = 0;
                double d = 0;
                for (int j = i; j <= i + 1; j++) {
                    double es = engineSteps.get(fork).get(j).asDouble();
                    double ds = dl4jSteps.get(fork).get(j).asDouble();
                    e += es > 0 ? engineNanos.get(fork).get(j).asDouble() / es : 0;
                    d += ds > 0 ? dl4jNanos.get(fork).get(j).asDouble() / ds : 0;
                }
                if (e > 0 && d > 0) {
                    out.add(d / e);
                }
            }
        }
        return out;
    }

    /** {mean, low, high}: the mean and its 95% interval, Student's t with n-1 degrees of freedom (NaN below 2). */
    static double[] meanInterval(List<Double> xs) {
        int n = xs.size();
        double mean = xs.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        if (n < 2) {
            return new double[] {mean, Double.NaN, Double.NaN};
        }
        double var = xs.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum() / (n - 1);
        double[] t975 = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160,
                2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086};   // 1 to 20 degrees of freedom
        double t = n - 1 <= t975.length ? t975[n - 2] : 1.96;
        double half = t * Math.sqrt(var / n);
        return new double[] {mean, mean - half, mean + half};
    }

    /**
     * PeakBenchmark's GFLOPS over all its threads, keyed by method ("floatTwoThreads"); empty when it did not run or
     * ran without warmup (a smoke run, whose single short iteration mostly times the interpreter).
     */
    static Map<String, Double> peakGflops(JsonNode runs) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (JsonNode run : runs) {
            String benchmark = run.path("benchmark").asText();
            if (isOf(run, PeakBenchmark.class)
                    && run.path("warmupIterations").asInt() > 0) {   // unwarmed (a smoke run) it times the interpreter
                String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
                double flops = PeakBenchmark.flopsPerCall(method.startsWith("double")) * run.path("threads").asInt(1);
                out.put(method, flops / seconds(run) / 1e9);
            }
        }
        return out;
    }

    /** The FMA peak per type and thread count, and the FLOAT 1024^3 product's GFLOPS as a share of the 2-thread peak. */
    static void printPeak(Map<String, Double> peak, Measured square1024) {
        System.out.println("FMA peak (PeakBenchmark, Vector API on registers, GFLOPS over all threads):");
        for (String type : new String[] {"float", "double"}) {
            System.out.printf(Locale.ROOT, "  %-7s 1 thread %7.1f   2 threads %7.1f%n", type,
                    peak.getOrDefault(type + "OneThread", Double.NaN), peak.getOrDefault(type + "TwoThreads", Double.NaN));
        }
        Double two = peak.get("floatTwoThreads");
        if (square1024 != null && two != null) {
            double engine = square1024.flops() / square1024.engineSeconds() / 1e9;
            double nd4j = square1024.flops() / square1024.otherSeconds() / 1e9;
            System.out.printf(Locale.ROOT, "  matmul 1024^3 FLOAT: FastMatMul %.1f GFLOPS = %.0f%% of the 2-thread float peak;"
                    + " Nd4j.gemm %.1f = %.0f%%%n", engine, 100 * engine / two, nd4j, 100 * nd4j / two);
        }
    }

    /** Whether a JMH result is one of {@code cls}'s benchmark methods. */
    private static boolean isOf(JsonNode run, Class<?> cls) {
        return run.path("benchmark").asText().startsWith(cls.getName() + ".");
    }

    private static String key(String cls, String param) {
        return cls + " " + param;
    }

    private static String paramValue(JsonNode run) {
        var it = run.path("params").elements();
        return it.hasNext() ? it.next().asText() : "";
    }

    /** One pair's numbers: seconds per operation on each side, flops per operation, engine heap bytes per operation. */
    record Measured(double engineSeconds, double otherSeconds, double flops, double engineBytes, double iterationSeconds) {
    }

    /**
     * The targets of issue 6, each with what was measured and whether it was met (and if not, by how
     * much it fell short). Informative only: the exit code does not depend on them.
     */
    static void printTargets(Map<String, Measured> measured) {
        System.out.println("targets (issue 6):");
        String step = TrainingStepBenchmark.class.getSimpleName() + " ";
        String mm = MatMulBenchmark.class.getSimpleName() + " ";
        speedup(measured.get(step + "4-16(tanh)-3/B16"), "train step 4-16-3 B16: engine >= 100x faster than DL4J", 100);
        speedup(measured.get(step + "784-128(relu)-10/B128"), "train step 784-128-10 B128: engine >= 5x faster", 5);
        speedup(measured.get(step + "1024-1024(relu)-10/B256"), "train step 1024-1024-10 B256: engine >= 1.5x faster", 1.5);
        speedup(measured.get(mm + "square-512"), "matmul 512^3: FastMatMul at least as fast as Nd4j.gemm", 1);
        speedup(measured.get(mm + "square-1024"), "matmul 1024^3: FastMatMul at least as fast as Nd4j.gemm", 1);
        Measured big = measured.get(mm + "square-1024");
        if (big != null) {
            double g = big.flops() / big.engineSeconds() / 1e9;
            verdict(g >= 150, "matmul 1024^3: FastMatMul >= 150 GFLOPS on 2 threads",
                    String.format(Locale.ROOT, "%.1f GFLOPS", g) + (g >= 150 ? "" : shortBy(150 / g)));
        }
        // -prof gc divides every thread's heap allocation over an iteration, JMH's own bookkeeping
        // included, by the steps in it. Per network, bytes per iteration = c + a * steps per iteration:
        // a is what one step allocates, c the fixed per-iteration part; a least-squares fit over the
        // networks (whose step counts differ a thousandfold) separates the two.
        List<double[]> points = new ArrayList<>();   // {steps per iteration, bytes per iteration}
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (String network : paramValues(TrainingStepBenchmark.class)) {
            Measured m = measured.get(step + network);
            if (m != null && Double.isFinite(m.engineBytes()) && Double.isFinite(m.iterationSeconds())) {
                double steps = m.iterationSeconds() / m.engineSeconds();
                points.add(new double[] {steps, m.engineBytes() * steps});
                lo = Math.min(lo, m.engineBytes());
                hi = Math.max(hi, m.engineBytes());
            }
        }
        if (points.size() >= 2) {
            double mx = points.stream().mapToDouble(p -> p[0]).average().orElseThrow();
            double my = points.stream().mapToDouble(p -> p[1]).average().orElseThrow();
            double sxy = points.stream().mapToDouble(p -> (p[0] - mx) * (p[1] - my)).sum();
            double sxx = points.stream().mapToDouble(p -> (p[0] - mx) * (p[0] - mx)).sum();
            double perStep = sxy / sxx;
            double perIteration = my - perStep * mx;
            verdict(Math.abs(perStep) < 1, "train step, steady state: the engine allocates 0 B/op",
                    String.format(Locale.ROOT, "%.3f B per step + %.1f KB per iteration (JMH's own; -prof gc shows %s to %s B/op)",
                            perStep, perIteration / 1024, compact(lo), compact(hi)));
        }
    }

    private static String compact(double b) {
        return String.format(Locale.ROOT, b < 10 ? "%.2f" : "%.0f", b);
    }

    private static void speedup(Measured m, String what, double target) {
        if (m == null) {
            return;
        }
        double r = m.otherSeconds() / m.engineSeconds();
        verdict(r >= target, what, JmhScore.ratio(r) + (r >= target ? "" : shortBy(target / r)));
    }

    private static String shortBy(double factor) {
        return String.format(Locale.ROOT, " (short by a factor %.2f)", factor);
    }

    private static void verdict(boolean met, String what, String measured) {
        System.out.printf(Locale.ROOT, "  %-7s %-80s %s%n", met ? "met" : "MISSED", what, measured);
    }

    /** The values of the one @Param field in the class's nested @State class, in declaration order. */
    static List<String> paramValues(Class<?> cls) {
        for (Class<?> nested : cls.getDeclaredClasses()) {
            for (Field f : nested.getDeclaredFields()) {
                Param p = f.getAnnotation(Param.class);
                if (p != null) {
                    return List.of(p.value());
                }
            }
        }
        return List.of("");
    }

    /** The @Benchmark methods, engine first. */
    static List<String> benchmarkMethods(Class<?> cls) {
        List<String> names = new ArrayList<>();
        for (Method m : cls.getDeclaredMethods()) {
            if (m.isAnnotationPresent(Benchmark.class)) {
                names.add(m.getName());
            }
        }
        names.sort((x, y) -> x.equals("engine") ? -1 : y.equals("engine") ? 1 : x.compareTo(y));
        return names;
    }

    private static String label(Class<?> cls, String param) {
        if (cls == TrainingStepBenchmark.class) {
            return "train step " + param;
        } else if (cls == EpochBenchmark.class) {
            return "epoch 60000x784 " + param;
        } else {
            return "matmul " + Product.parse(param).describe();
        }
    }

    /** Floating-point operations of the matrix products in one benchmark operation. */
    static double flops(Class<?> cls, String param) {
        if (cls == TrainingStepBenchmark.class) {
            Mlp mlp = Mlp.parse(param);
            return mlp.stepFlops(mlp.batch());
        } else if (cls == EpochBenchmark.class) {
            Mlp mlp = Mlp.parse(param);
            int full = EpochBenchmark.EXAMPLES / mlp.batch();
            int rest = EpochBenchmark.EXAMPLES % mlp.batch();
            return (double) full * mlp.stepFlops(mlp.batch()) + mlp.stepFlops(rest);
        } else {
            return Product.parse(param).flops();
        }
    }

    /** The primary score in seconds per operation; NaN without a run. */
    static double seconds(JsonNode run) {
        if (run != null && !run.path("primaryMetric").path("scoreUnit").asText().endsWith("/op")) {
            throw new IllegalArgumentException("unexpected JMH score unit " + run.path("primaryMetric").path("scoreUnit").asText()
                    + " (a time per operation is needed)");
        }
        return JmhScore.seconds(run);
    }

    private static String gflops(double flops, double seconds) {
        return Double.isFinite(seconds) ? String.format(Locale.ROOT, "%.1f", flops / seconds / 1e9) : "";
    }

    /** The length of one measurement iteration ("2 s", "100 ms"); NaN for single-shot runs or without a run. */
    static double iterationSeconds(JsonNode run) {
        if (run == null || !run.path("mode").asText().equals("avgt")) {
            return Double.NaN;
        }
        String[] t = run.path("measurementTime").asText().split(" ");
        if (t.length != 2) {
            return Double.NaN;
        }
        double factor = switch (t[1]) {
            case "ns" -> 1e-9;
            case "us" -> 1e-6;
            case "ms" -> 1e-3;
            case "s" -> 1.0;
            case "min" -> 60.0;
            default -> Double.NaN;
        };
        return Double.parseDouble(t[0]) * factor;
    }

    /** Heap bytes per operation from -prof gc (gc.alloc.rate.norm); NaN without the profiler. */
    private static double allocated(JsonNode run) {
        return run == null ? Double.NaN
                : run.path("secondaryMetrics").path("gc.alloc.rate.norm").path("score").asDouble(Double.NaN);
    }

    private static String bytes(JsonNode run) {
        double b = allocated(run);
        if (!Double.isFinite(b)) {
            return "";
        }
        if (b < 10) {
            return String.format(Locale.ROOT, "%.2f B", b);
        } else if (b < 10_000) {
            return String.format(Locale.ROOT, "%.0f B", b);
        } else if (b < 10_000_000) {
            return String.format(Locale.ROOT, "%.1f KB", b / 1024);
        }
        return String.format(Locale.ROOT, "%.1f MB", b / (1024 * 1024));
    }

    /** A Markdown table, columns padded to their widest cell (numbers right-aligned). */
    private static void print(List<String[]> rows) {
        int[] width = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        for (int r = 0; r < rows.size(); r++) {
            StringBuilder line = new StringBuilder("|");
            for (int i = 0; i < width.length; i++) {
                String cell = rows.get(r)[i];
                String pad = " ".repeat(width[i] - cell.length());
                line.append(' ').append(i == 0 || r == 0 ? cell + pad : pad + cell).append(" |");
            }
            System.out.println(line);
            if (r == 0) {
                StringBuilder rule = new StringBuilder("|");
                for (int i = 0; i < width.length; i++) {
                    rule.append(i == 0 ? ":" : "-").append("-".repeat(width[i])).append(i == 0 ? "-|" : ":|");
                }
                System.out.println(rule);
            }
        }
    }
}
