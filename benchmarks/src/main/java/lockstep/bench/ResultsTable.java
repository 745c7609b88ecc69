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
 * <p>Usage: {@code java -cp benchmarks.jar lockstep.bench.ResultsTable [--all] results.json}. Exit
 * code 0 when M is 0, 1 otherwise, 2 when the file cannot be read.
 */
public final class ResultsTable {
    /** The benchmark classes in table order; each has a method {@code engine} and one other side. */
    static final List<Class<?>> CLASSES = List.of(TrainingStepBenchmark.class, EpochBenchmark.class, MatMulBenchmark.class);

    private ResultsTable() {
    }

    public static void main(String[] args) {
        boolean all = args.length == 2 && args[0].equals("--all");
        if (args.length != (all ? 2 : 1)) {
            System.err.println("usage: ResultsTable [--all] RESULTS.json");
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
                rows.add(new String[] {label(cls, param), time(engine), time(other),
                        Double.isFinite(te) && Double.isFinite(to) ? ratio(to / te) : "",
                        gflops(flops, te), gflops(flops, to), bytes(engine), bytes(other)});
            }
        }
        print(rows);
        System.out.println();
        System.out.println("benchmarks: " + passed + " passed, " + failed + " failed");
        System.exit(failed == 0 ? 0 : 1);
    }

    private static String key(String cls, String param) {
        return cls + " " + param;
    }

    private static String paramValue(JsonNode run) {
        var it = run.path("params").elements();
        return it.hasNext() ? it.next().asText() : "";
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
        if (run == null) {
            return Double.NaN;
        }
        JsonNode metric = run.path("primaryMetric");
        return metric.path("score").asDouble(Double.NaN) * unitSeconds(metric.path("scoreUnit").asText());
    }

    private static double unitSeconds(String unit) {
        return switch (unit) {
            case "ns/op" -> 1e-9;
            case "us/op" -> 1e-6;
            case "ms/op" -> 1e-3;
            case "s/op" -> 1.0;
            default -> throw new IllegalArgumentException("unexpected JMH score unit " + unit + " (a time per operation is needed)");
        };
    }

    private static String time(JsonNode run) {
        double s = seconds(run);
        if (!Double.isFinite(s)) {
            return "";
        }
        JsonNode metric = run.path("primaryMetric");
        double relError = metric.path("scoreError").asDouble(Double.NaN) / metric.path("score").asDouble();
        String error = Double.isFinite(relError) ? String.format(Locale.ROOT, " ±%.0f%%", 100 * relError) : "";
        return duration(s) + error;
    }

    static String duration(double s) {
        if (s < 1e-3) {
            return String.format(Locale.ROOT, "%.3g µs", s * 1e6);
        } else if (s < 1) {
            return String.format(Locale.ROOT, "%.3g ms", s * 1e3);
        }
        return String.format(Locale.ROOT, "%.3g s", s);
    }

    static String ratio(double r) {
        return String.format(Locale.ROOT, r >= 10 ? "%.0fx" : "%.2fx", r);
    }

    private static String gflops(double flops, double seconds) {
        return Double.isFinite(seconds) ? String.format(Locale.ROOT, "%.1f", flops / seconds / 1e9) : "";
    }

    /** Heap bytes per operation from -prof gc (gc.alloc.rate.norm); empty without the profiler. */
    private static String bytes(JsonNode run) {
        if (run == null) {
            return "";
        }
        JsonNode norm = run.path("secondaryMetrics").path("gc.alloc.rate.norm");
        if (norm.isMissingNode()) {
            return "";
        }
        double b = norm.path("score").asDouble(Double.NaN);
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
