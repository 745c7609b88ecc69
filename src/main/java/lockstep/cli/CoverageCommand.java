package lockstep.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import lockstep.LockstepException;
import lockstep.coverage.CoverageMatrix;
import lockstep.coverage.CoverageRow;
import lockstep.coverage.CoverageRunner;
import lockstep.coverage.Feature;
import lockstep.harness.LockstepResult;
import lockstep.report.JsonText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lockstep coverage}: the feature matrix, computed by running every comparison. */
@Command(name = "coverage", mixinStandardHelpOptions = true,
        description = {"Runs a short lockstep comparison for every supported feature (activations, losses,",
                "weight inits, updaters, regularisers, gradient normalisation, dropout, depth) in DOUBLE",
                "and FLOAT and prints the feature matrix with the worst relative difference seen.",
                "--engine autograd (or another engine) runs the matrix on that engine; a feature an",
                "external engine refuses at hello is n/a.",
                "Exit code: 0 when every feature run agrees (at least one), 1 otherwise, 4 when an",
                "external engine broke the protocol."})
final class CoverageCommand implements Callable<Integer> {

    @Option(names = "--epochs", paramLabel = "N", description = "Epochs of Iris per run (default 1: 10 steps).")
    int epochs = 1;

    @Option(names = "--group", paramLabel = "GROUP", split = ",",
            description = "Run only these groups of features (activation, loss, weight init, updater, ...; comma-separated).")
    List<String> groups = new ArrayList<>();

    @Option(names = "--json", description = "Print the matrix as JSON on stdout instead of a table.")
    boolean json;

    @Mixin
    EngineOptions engines = new EngineOptions();

    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() throws Exception {
        if (epochs < 1) {
            throw new LockstepException("--epochs: must be at least 1, got " + epochs);
        }
        List<Feature> features = selected(CoverageMatrix.features(epochs));
        if (!json) {
            System.out.printf("%-24s %-40s %-6s %-6s %-18s %-18s %s%n", "group", "feature", "DOUBLE", "FLOAT",
                    "rel/abs DOUBLE", "rel/abs FLOAT", "FLOAT shadow");
        }
        List<CoverageRow> rows = engines.using(choice -> {
            if (!json && !choice.isDefault()) {
                System.out.println("engine: " + choice.describe());
            }
            return CoverageRunner.run(features, choice::factory, row -> {
                if (!json) {
                    System.out.println(line(row));
                }
            });
        });
        long passed = rows.stream().filter(CoverageRow::passed).count();
        long ran = rows.stream().filter(CoverageRow::supported).count();
        boolean verdict = CoverageRow.allPassed(rows);
        if (json) {
            System.out.println(toJson(rows));
        } else {
            System.out.println((verdict ? "PASS  " : "FAIL  ") + passed + " of " + ran + " features agree with DL4J in DOUBLE"
                    + " and FLOAT" + (ran == rows.size() ? "" : "; " + (rows.size() - ran) + " not supported by the engine"));
            rows.stream().filter(r -> r.supported() && !r.passed()).forEach(r -> System.out.println("  " + r.feature().name()
                    + ": " + (r.inDouble().passed() ? r.inFloat() : r.inDouble()).divergence().describe()));
        }
        return verdict ? Main.EXIT_PASS : Main.EXIT_FAIL;
    }

    /** The features of the groups {@code --group} names (all without it); an unknown group is bad input. */
    private List<Feature> selected(List<Feature> all) {
        Set<String> known = new LinkedHashSet<>();
        all.forEach(f -> known.add(f.group()));
        for (String g : groups) {
            if (!known.contains(g)) {
                throw new LockstepException("--group: no group '" + g + "' (known: " + String.join(", ", known) + ")");
            }
        }
        return groups.isEmpty() ? all : all.stream().filter(f -> groups.contains(f.group())).toList();
    }

    private static String line(CoverageRow row) {
        if (!row.supported()) {
            return String.format(Locale.ROOT, "%-24s %-40s %-6s %-6s %s", row.feature().group(), row.feature().name(), "n/a",
                    "n/a", row.unsupported());
        }
        return String.format(Locale.ROOT, "%-24s %-40s %-6s %-6s %-18s %-18s %.2gx", row.feature().group(),
                row.feature().name(), status(row.inDouble()), status(row.inFloat()), worst(row.inDouble()),
                worst(row.inFloat()), row.inFloat().worstShadowRatio());
    }

    private static String status(LockstepResult r) {
        return r.passed() ? "PASS" : "FAIL";
    }

    /** Worst judged relative difference / largest absolute difference, e.g. "0 / 5.6e-16". */
    private static String worst(LockstepResult r) {
        String rel = r.worstStepError() == 0 ? "0" : String.format(Locale.ROOT, "%.1e", r.worstStepError());
        return rel + " / " + String.format(Locale.ROOT, "%.1e", r.largestAbsolute());
    }

    private static String toJson(List<CoverageRow> rows) {
        ArrayNode array = JsonText.array();
        for (CoverageRow r : rows) {
            ObjectNode o = array.addObject();
            o.put("group", r.feature().group());
            o.put("feature", r.feature().name());
            if (!r.supported()) {
                o.put("unsupported", r.unsupported());
                continue;
            }
            o.put("double", status(r.inDouble()));
            o.put("float", status(r.inFloat()));
            o.put("worstDouble", r.inDouble().worstStepError());
            o.put("worstFloat", r.inFloat().worstStepError());
            o.put("largestAbsoluteDouble", r.inDouble().largestAbsolute());
            o.put("largestAbsoluteFloat", r.inFloat().largestAbsolute());
            o.put("shadowRatioFloat", r.inFloat().worstShadowRatio());
        }
        return JsonText.pretty(array);
    }
}
