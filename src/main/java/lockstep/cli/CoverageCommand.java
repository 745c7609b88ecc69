package lockstep.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import lockstep.LockstepException;
import lockstep.coverage.CoverageMatrix;
import lockstep.coverage.CoverageRow;
import lockstep.coverage.CoverageRunner;
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
                "Exit code: 0 when every feature agrees, 1 otherwise."})
final class CoverageCommand implements Callable<Integer> {

    @Option(names = "--epochs", paramLabel = "N", description = "Epochs of Iris per run (default 1: 10 steps).")
    int epochs = 1;

    @Option(names = "--json", description = "Print the matrix as JSON on stdout instead of a table.")
    boolean json;

    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() throws Exception {
        if (epochs < 1) {
            throw new LockstepException("--epochs: must be at least 1, got " + epochs);
        }
        if (!json) {
            System.out.printf("%-24s %-40s %-6s %-6s %-18s %-18s %s%n", "group", "feature", "DOUBLE", "FLOAT",
                    "rel/abs DOUBLE", "rel/abs FLOAT", "FLOAT shadow");
        }
        List<CoverageRow> rows = CoverageRunner.run(CoverageMatrix.features(epochs), row -> {
            if (!json) {
                System.out.printf("%-24s %-40s %-6s %-6s %-18s %-18s %.2gx%n", row.feature().group(), row.feature().name(),
                        status(row.inDouble()), status(row.inFloat()), worst(row.inDouble()), worst(row.inFloat()),
                        row.inFloat().worstShadowRatio());
            }
        });
        long passed = rows.stream().filter(CoverageRow::passed).count();
        if (json) {
            System.out.println(toJson(rows));
        } else {
            System.out.println((passed == rows.size() ? "PASS  " : "FAIL  ") + passed + " of " + rows.size()
                    + " features agree with DL4J in DOUBLE and FLOAT");
            rows.stream().filter(r -> !r.passed()).forEach(r -> System.out.println("  " + r.feature().name() + ": "
                    + (r.inDouble().passed() ? r.inFloat() : r.inDouble()).divergence().describe()));
        }
        return passed == rows.size() ? Main.EXIT_PASS : Main.EXIT_FAIL;
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
