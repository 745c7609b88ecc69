package lockstep.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import lockstep.comparison.Divergence;
import lockstep.comparison.TensorDiff;
import lockstep.data.Datasets;
import lockstep.gradcheck.FourWayGradientCheck;
import lockstep.gradcheck.GradientCheck;
import lockstep.linalg.DType;
import lockstep.report.GradcheckJson;
import lockstep.spec.RunSpec;
import lockstep.spec.SpecJson;
import lockstep.spec.SpecValidator;
import lockstep.spec.TrainingSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lockstep gradcheck}: one batch's gradient four ways (finite differences, matrix engine, autograd, DL4J). */
@Command(name = "gradcheck", mixinStandardHelpOptions = true,
        description = {"One batch's gradient four ways, and how well they agree.",
                "Computes the gradient of the batch-mean loss on the first mini-batch",
                "from the same parameters, in DOUBLE: by central finite differences, the",
                "matrix engine, the autograd engine and DL4J (its raw gradient / B), and",
                "prints per parameter the largest relative differences.",
                "Without --spec: the Iris default network (see 'compare --help').",
                "Exit code: 0 all agree, 1 a disagreement, 2 bad input, 3 internal error."})
final class GradcheckCommand implements Callable<Integer> {

    @Option(names = "--spec", paramLabel = "FILE", description = "JSON run spec (network, training, dataset); see README. Its dataType is ignored: always DOUBLE.")
    Path spec;

    @Option(names = "--seed", paramLabel = "N", description = "Override the seed (initial weights and which examples form the batch).")
    Long seed;

    @Option(names = "--batch", paramLabel = "B", description = "Override the mini-batch size.")
    Integer batch;

    @Option(names = "--json", description = "Print the result as JSON on stdout (per parameter and pair: the worst difference and verdict) instead of the table.")
    boolean json;

    @Mixin
    EngineOptions engines = new EngineOptions();

    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() {
        RunSpec base = spec == null ? RunSpec.irisDefault() : SpecJson.read(spec);
        TrainingSpec t = base.training().withDataType(DType.DOUBLE);
        if (seed != null) {
            t = t.withSeed(seed);
        }
        if (batch != null) {
            t = t.withBatchSize(batch);
        }
        RunSpec run = SpecValidator.validate(base.withTraining(t));
        return engines.using(choice -> {
            boolean fifth = !choice.isLockstepOwn();   // matrix and autograd are two of the four already
            FourWayGradientCheck.Result result = FourWayGradientCheck.run(run, Datasets.load(run.data()),
                    fifth ? choice.factory(run) : null);
            if (json) {
                System.out.println(GradcheckJson.of(result, choice.describe()));
            } else {
                print(result, fifth ? choice.describe() : null, System.out);
            }
            return result.passed() ? Main.EXIT_PASS : Main.EXIT_FAIL;
        });
    }

    /**
     * The table: one row per parameter, the limits, and a PASS or FAIL line naming the first disagreement; with an
     * engine under check ({@code checked}, its name; null: none) a column of its gradient against DL4J's.
     */
    static void print(FourWayGradientCheck.Result r, String checked, PrintStream out) {
        RunSpec s = r.spec();
        out.println("lockstep gradcheck  " + s.data().describe() + "  " + s.network().describeShape() + "  " + s.network().loss()
                + "  batch " + r.batch().length + "  DOUBLE  seed " + s.training().seed());
        out.println("gradient of the batch-mean loss on examples " + examples(r.batch()) + "; largest relative difference per parameter:");
        if (checked != null) {
            out.println("engine under check (column engine:dl4j): " + checked);
        }
        String format = "%-9s  %-11s  %-8s  %-15s  %-13s  %-11s  %-20s" + (checked == null ? "" : "  %s");
        out.println(String.format(Locale.ROOT, format, "parameter", "shape", "max |g|",
                "autograd:matrix", "autograd:dl4j", "matrix:dl4j", "autograd:finite-diff", "engine:dl4j").stripTrailing());
        for (FourWayGradientCheck.Row row : r.rows()) {
            out.println(String.format(Locale.ROOT, format, row.parameter(),
                    Arrays.stream(row.shape()).mapToObj(Integer::toString).collect(Collectors.joining(",", "[", "]")),
                    String.format(Locale.ROOT, "%.1e", row.largest()), diff(row.autogradVsMatrix()), diff(row.autogradVsDl4j()),
                    diff(row.matrixVsDl4j()), finiteDifferences(row.finiteDifferences()),
                    row.checkedVsDl4j() == null ? "" : diff(row.checkedVsDl4j())).stripTrailing());
        }
        out.println("limits: autograd:matrix " + (s.network().isDenseOnly()
                ? limit(FourWayGradientCheck.MATRIX_ENGINE) + " (|a-b|/max(|a|,|b|)); :dl4j "
                : "and :dl4j ")                  // composed conv, pooling and batch-norm ops sum in other orders
                + limit(FourWayGradientCheck.DL4J.relative()) + " (elements below " + limit(FourWayGradientCheck.DL4J.floor())
                + " of the largest judged against that); finite differences " + limit(GradientCheck.MAX_RELATIVE_ERROR)
                + " (|a-n|/(|a|+|n|), eps " + limit(GradientCheck.EPSILON) + ", |a-n| < " + limit(GradientCheck.MIN_ABSOLUTE_ERROR)
                + " accepted)");
        if (r.passed()) {
            out.println("PASS  " + r.rows().size() + " parameters: finite differences, matrix engine, autograd"
                    + (checked == null ? "" : ", the engine under check") + " and DL4J agree");
            return;
        }
        FourWayGradientCheck.Row bad = r.rows().stream().filter(row -> !row.passed()).findFirst().orElseThrow();
        out.println("FAIL  " + bad.parameter() + ": " + firstDisagreement(bad));
    }

    private static String firstDisagreement(FourWayGradientCheck.Row row) {
        if (!row.autogradVsMatrix().passed()) {
            return element("autograd", row.autograd(), "matrix engine", row.matrix(), row.autogradVsMatrix(), row.shape());
        }
        if (!row.autogradVsDl4j().passed()) {
            return element("autograd", row.autograd(), "dl4j", row.dl4j(), row.autogradVsDl4j(), row.shape());
        }
        if (!row.matrixVsDl4j().passed()) {
            return element("matrix engine", row.matrix(), "dl4j", row.dl4j(), row.matrixVsDl4j(), row.shape());
        }
        if (!row.finiteDifferences().passed()) {
            GradientCheck.ParameterResult f = row.finiteDifferences();
            return String.format(Locale.ROOT, "%s autograd %.10g  finite differences %.10g  rel %.1e",
                    index(f.worstIndex(), row.shape()), f.analytic(), f.numeric(), f.relativeError());
        }
        return element("engine under check", row.checked(), "dl4j", row.dl4j(), row.checkedVsDl4j(), row.shape());
    }


    private static String element(String left, double[] l, String right, double[] r, TensorDiff d, int[] shape) {
        int i = d.firstFailIndex();
        return String.format(Locale.ROOT, "%s %s %.10g  %s %.10g  rel %.1e", index(i, shape), left, l[i], right, r[i], d.firstFailError());
    }

    private static String index(int i, int[] shape) {
        return Divergence.element(i, shape);
    }

    private static String diff(TensorDiff d) {
        return err(d.worstError()) + (d.passed() ? "" : " FAIL");
    }

    private static String finiteDifferences(GradientCheck.ParameterResult f) {
        String rel = err(f.relativeError());
        if (!f.passed()) {
            return rel + " FAIL";
        }
        return f.relativeError() > GradientCheck.MAX_RELATIVE_ERROR ? rel + " (|a-n| < " + limit(GradientCheck.MIN_ABSOLUTE_ERROR) + ")" : rel;
    }

    /** 1e-12, 1e-3: a power of ten as one writes it. */
    private static String limit(double v) {
        return String.format(Locale.ROOT, "%.0e", v).replace("e-0", "e-");
    }

    private static String err(double v) {
        return v == 0.0 ? "0" : Double.isFinite(v) ? String.format(Locale.ROOT, "%.1e", v) : Double.toString(v);
    }

    private static String examples(int[] batch) {
        String shown = Arrays.stream(batch).limit(8).mapToObj(Integer::toString).collect(Collectors.joining(", "));
        return batch.length > 8 ? shown + ", ... (" + batch.length + ")" : shown;
    }
}
