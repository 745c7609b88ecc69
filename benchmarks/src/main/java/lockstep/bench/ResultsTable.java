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
 * <p>Between the two: the paired benchmarks' ratios with their 95% intervals ({@link PairedTable}), beside those of a
 * second results file made with one thread a side when one is given, and the FMA peak. With {@code --targets}, the
 * targets of issue 16 ({@link Targets}) follow, each met, missed or unsure with the measured interval; they never
 * change the exit code.
 *
 * <p>Usage: {@code java -cp benchmarks.jar lockstep.bench.ResultsTable [--all] [--targets] results.json
 * [one-thread.json]}.
 * Exit code 0 when M is 0, 1 otherwise, 2 when the file cannot be read.
 */
public final class ResultsTable {
    /** The benchmark classes in table order; each has a method {@code engine} and one other side. */
    static final List<Class<?>> CLASSES = List.of(TrainingStepBenchmark.class, EpochBenchmark.class, MatMulBenchmark.class);

    private ResultsTable() {
    }

    public static void main(String[] args) {
        List<String> flags = List.of(args).stream().filter(a -> a.startsWith("--")).toList();
        List<String> files = List.of(args).stream().filter(a -> !a.startsWith("--")).toList();
        boolean all = flags.contains("--all");
        boolean targets = flags.contains("--targets");
        if (files.isEmpty() || files.size() > 2 || !List.of("--all", "--targets").containsAll(flags)) {
            System.err.println("usage: ResultsTable [--all] [--targets] RESULTS.json [ONE-THREAD-RESULTS.json]");
            System.exit(2);
        }
        JsonNode runs = read(files.get(0));
        JsonNode oneThread = files.size() == 2 ? read(files.get(1)) : null;
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
                measured.put(key(cls.getSimpleName(), param), new Measured(te, allocated(engine), iterationSeconds(engine)));
                rows.add(new String[] {label(cls, param), JmhScore.time(engine), JmhScore.time(other),
                        Double.isFinite(te) && Double.isFinite(to) ? JmhScore.ratio(to / te) : "",
                        gflops(flops, te), gflops(flops, to), bytes(engine), bytes(other)});
            }
        }
        print(rows);
        System.out.println();
        Map<String, PairedResult> paired = PairedTable.results(runs);
        for (Class<?> cls : PairedTable.CLASSES) {
            long ran = 0;
            for (JsonNode run : runs) {
                if (isOf(run, cls)) {
                    ran++;
                    if (Double.isFinite(seconds(run))) {
                        passed++;
                    } else {
                        failed++;
                    }
                }
            }
            if (all) {
                failed += Math.max(0, paramCombinations(cls) - ran);
            }
        }
        PairedTable.print(paired, oneThread == null ? Map.of() : PairedTable.results(oneThread));
        Map<String, Double> peak = peakGflops(runs);
        if (!peak.isEmpty()) {
            PairedTable.printPeak(peak, paired);
        }
        if (targets) {
            Targets.print(paired, peak, zeroAllocation(measured));
            System.out.println();
        }
        System.out.println("benchmarks: " + passed + " passed, " + failed + " failed");
        System.exit(failed == 0 ? 0 : 1);
    }

    /**
     * PeakBenchmark's GFLOPS over all its threads, keyed by method ("floatTwoThreads"), from its fastest measured
     * iteration: the peak is what the cores can do, and on a shared machine interference only ever slows an iteration
     * down (a mean under load put a real product at 113% of the "peak"). Empty when it did not run or ran without
     * warmup (a smoke run, whose single short iteration mostly times the interpreter).
     */
    static Map<String, Double> peakGflops(JsonNode runs) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (JsonNode run : runs) {
            String benchmark = run.path("benchmark").asText();
            if (isOf(run, PeakBenchmark.class)
                    && run.path("warmupIterations").asInt() > 0) {   // unwarmed (a smoke run) it times the interpreter
                String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
                double flops = PeakBenchmark.flopsPerCall(method.startsWith("double")) * run.path("threads").asInt(1);
                out.put(method, flops / fastestIteration(run) / 1e9);
            }
        }
        return out;
    }

    /** The fastest measured iteration's seconds per operation (its score in the run's unit, scaled as the mean is). */
    static double fastestIteration(JsonNode run) {
        double mean = run.path("primaryMetric").path("score").asDouble();
        double fastest = Double.POSITIVE_INFINITY;
        for (JsonNode fork : run.path("primaryMetric").path("rawData")) {
            for (JsonNode iteration : fork) {
                fastest = Math.min(fastest, iteration.asDouble());
            }
        }
        return Double.isFinite(fastest) && mean > 0 ? seconds(run) * fastest / mean : seconds(run);
    }

    private static JsonNode read(String file) {
        try {
            return new ObjectMapper().readTree(new File(file));
        } catch (IOException e) {
            System.err.println("error: cannot read JMH results " + file + ": " + e.getMessage());
            System.exit(2);
            return null;
        }
    }

    /** How many runs the class defines: the product of the value counts of its @Param fields. */
    static long paramCombinations(Class<?> cls) {
        long n = 1;
        for (Class<?> nested : cls.getDeclaredClasses()) {
            for (Field f : nested.getDeclaredFields()) {
                Param p = f.getAnnotation(Param.class);
                if (p != null) {
                    n *= p.value().length;
                }
            }
        }
        return n * benchmarkMethods(cls).size();
    }

    /** Whether a JMH result is one of {@code cls}'s benchmark methods. */
    static boolean isOf(JsonNode run, Class<?> cls) {
        return run.path("benchmark").asText().startsWith(cls.getName() + ".");
    }

    private static String key(String cls, String param) {
        return cls + " " + param;
    }

    private static String paramValue(JsonNode run) {
        var it = run.path("params").elements();
        return it.hasNext() ? it.next().asText() : "";
    }

    /** What the allocation fit needs of one pair: the engine's seconds and heap bytes per operation, the iteration's length. */
    record Measured(double engineSeconds, double engineBytes, double iterationSeconds) {
    }

    /** The steady-state allocation target's verdict and the measured line. */
    record Allocation(boolean met, String measured) {
    }

    /**
     * The train step's steady-state allocation from TrainingStepBenchmark's {@code -prof gc}: {met, text}, or null
     * with fewer than two networks measured. -prof gc divides every thread's heap allocation over an iteration, JMH's
     * own bookkeeping included, by the steps in it. Per network, bytes per iteration = c + a * steps per iteration: a
     * is what one step allocates, c the fixed per-iteration part; a least-squares fit over the networks (whose step
     * counts differ a thousandfold) separates the two. Met when a is under 1 byte.
     */
    static Allocation zeroAllocation(Map<String, Measured> measured) {
        String step = TrainingStepBenchmark.class.getSimpleName() + " ";
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
        if (points.size() < 2) {
            return null;
        }
        double mx = points.stream().mapToDouble(p -> p[0]).average().orElseThrow();
        double my = points.stream().mapToDouble(p -> p[1]).average().orElseThrow();
        double sxy = points.stream().mapToDouble(p -> (p[0] - mx) * (p[1] - my)).sum();
        double sxx = points.stream().mapToDouble(p -> (p[0] - mx) * (p[0] - mx)).sum();
        double perStep = sxy / sxx;
        double perIteration = my - perStep * mx;
        return new Allocation(Math.abs(perStep) < 1, String.format(Locale.ROOT,
                "%.3f B per step + %.1f KB per iteration (JMH's own; -prof gc shows %s to %s B/op)",
                perStep, perIteration / 1024, compact(lo), compact(hi)));
    }

    private static String compact(double b) {
        return String.format(Locale.ROOT, b < 10 ? "%.2f" : "%.0f", b);
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
    static void print(List<String[]> rows) {
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
