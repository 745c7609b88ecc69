package lockstep.report;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import lockstep.comparison.EpochValidation;
import lockstep.comparison.Quantity;
import lockstep.comparison.ShadowComparison;
import lockstep.dl4j.Dl4jEarlyStopping;
import lockstep.engine.train.EarlyStopping;
import lockstep.harness.EarlyStoppingComparison;
import lockstep.harness.EpochSummary;
import lockstep.harness.FloatDrift;
import lockstep.harness.InitSource;
import lockstep.harness.LockstepResult;
import lockstep.harness.LockstepRun;
import lockstep.spec.RunSpec;

/** Prints a lockstep run for a person: a header, one row per epoch, and the verdict line. */
public final class ParityReport implements LockstepRun.Listener {
    private final PrintStream out;
    /** Validation loss and accuracy of each side and the step check's worst error of the validation loss and outputs. */
    private static final String VALIDATION_COLUMNS = "  %-12s  %-12s  %-10s  %-8s  %s";

    public ParityReport(PrintStream out) {
        this.out = out;
    }

    public void header(RunSpec spec) {
        header(spec, InitSource.SEED);
    }

    /** The run's title line (naming the initial parameters' source unless it is the default, the engine) and column names. */
    public void header(RunSpec spec, InitSource init) {
        header(spec, init, new String[0]);
    }

    /** As {@link #header(RunSpec, InitSource)}, with lines (such as the data plan) between the title and the column names. */
    public void header(RunSpec spec, InitSource init, String... lines) {
        out.println("lockstep compare  " + spec.describe() + (init == InitSource.SEED ? "" : "  init from " + init.name().toLowerCase(Locale.ROOT)));
        for (String line : lines) {
            out.println(line);
        }
        out.println("epoch  steps  engine loss   dl4j loss     worst rel. diff:  loss     grad     update   param    drift"
                + (spec.training().validation() == null ? "" : "  " + String.format(Locale.ROOT, VALIDATION_COLUMNS,
                        "val. engine", "val. dl4j", "acc engine", "acc dl4j", "val. diff")));
    }

    @Override
    public void onEpoch(EpochSummary e) {
        String row = String.format(Locale.ROOT, "%5d  %5d  %-12s  %-12s  %16s  %-7s  %-7s  %-7s  %-7s  %-7s",
                e.epoch(), e.steps(), loss(e.engineLoss()), loss(e.dl4jLoss()), "",
                err(e.worst(Quantity.LOSS)), err(e.worst(Quantity.GRADIENT)), e.compared(Quantity.UPDATE) ? err(e.worst(Quantity.UPDATE)) : "-",
                err(e.worst(Quantity.PARAMETER)), err(e.worstDrift()));
        EpochValidation v = e.validation();
        if (v != null) {
            row += String.format(Locale.ROOT, VALIDATION_COLUMNS, loss(v.engineLoss()), loss(v.dl4jLoss()),
                    accuracy(v.engineAccuracy()), accuracy(v.dl4jAccuracy()), err(v.stepError()));
        }
        out.println(row.stripTrailing());
    }

    private static String accuracy(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    /** The verdict: {@code PASS  300 steps x 4 parameters, ...} or {@code FAIL  epoch 1 step 3: ...}. */
    public void verdict(LockstepResult r) {
        if (r.earlyStopping() != null) {
            earlyStoppingLines(r.earlyStopping()).forEach(out::println);
        }
        out.println(verdictLine(r));
    }

    public static String verdictLine(LockstepResult r) {
        if (r.divergence() == null && r.earlyStopping() != null && !r.earlyStopping().passed()) {
            return "FAIL  early stopping: " + r.earlyStopping().failure();
        }
        if (r.passed()) {
            return String.format(Locale.ROOT,
                    "PASS  %d steps x %d parameters, worst relative difference %s (tolerance %.0e, update rule %.0e, %s; largest absolute"
                            + " difference %s, absolute tolerance %.0e), trajectory drift %s (tolerance %s); %d epochs,"
                            + " %d examples seen",
                    r.steps(), r.parameterCount(), err(r.worstStepError()), r.tolerance().step().relative(),
                    r.tolerance().rule().relative(), r.spec().training().dataType(), err(r.largestAbsolute()), r.tolerance().step().absolute(),
                    err(r.worstDrift()), r.driftJudgedAgainstDl4j()
                            ? String.format(Locale.ROOT, "at most %.0fx DL4J's own FLOAT drift, worst %.2gx", FloatDrift.FACTOR,
                                    r.worstDriftRatio())
                            : Double.isInfinite(r.tolerance().trajectory().relative()) ? "none: reported only"
                            : String.format(Locale.ROOT, "%.0e", r.tolerance().trajectory().relative()),
                    r.epochs().size(), r.examplesSeen())
                    + (!r.shadowed() || r.worstStepError() <= r.tolerance().step().relative() ? ""
                            : String.format(Locale.ROOT, "; where the FLOAT sides differ by more, the engine is within %.0fx"
                                    + " DL4J's own distance from the DOUBLE shadow", ShadowComparison.CLOSE_TO_DL4J))
                    + (!r.shadowed() ? ""
                            : String.format(Locale.ROOT, "; DOUBLE shadow: engine error at most %.2gx DL4J's FLOAT error"
                                    + " (limit %.0fx, %.0fx for loss and gradients)", r.worstShadowRatio(),
                                    r.tolerance().shadow().ruleFactor(), r.tolerance().shadow().factor()))
                    + (r.earlyStopping() == null ? "" : "; " + r.earlyStopping().summary());
        }
        return "FAIL  " + r.divergence().describe();
    }

    /** The early-stopping lines compare prints: the settings, one row per evaluated epoch, each side's outcome. */
    static List<String> earlyStoppingLines(EarlyStoppingComparison s) {
        EarlyStopping engine = s.engine();
        Dl4jEarlyStopping.Outcome dl4j = s.dl4j();
        EarlyStopping.Config c = engine.config();
        List<String> out = new ArrayList<>();
        out.add("early stopping: patience " + c.patience() + ", min delta " + c.minDelta() + ", at most " + c.maxEpochs()
                + " epochs, validation loss after " + (c.evaluateEvery() == 1 ? "every epoch" : "epochs 1, "
                + (1 + c.evaluateEvery()) + ", " + (1 + 2 * c.evaluateEvery()) + ", ...")
                + "; the engine's own, and DL4J's EarlyStoppingTrainer on the same batches");
        out.add("epoch  val. engine   val. dl4j     rel. diff  drift    best");
        for (EarlyStoppingComparison.Row r : s.rows()) {
            String best = (r.epoch() == engine.bestEpoch() ? "engine" : "")
                    + (r.epoch() == engine.bestEpoch() && r.epoch() == s.dl4jBestEpoch() ? ", " : "")
                    + (r.epoch() == s.dl4jBestEpoch() ? "dl4j" : "");
            out.add(String.format(Locale.ROOT, "%5d  %-12s  %-12s  %-9s  %-7s  %s", r.epoch(), score(r.engineScore()),
                    score(r.dl4jScore()), err(r.stepError()), err(r.drift()), best).stripTrailing());
        }
        Double engineBestScore = engine.scores().get(engine.bestEpoch());
        out.add("engine: stopped after epoch " + engine.stoppedAfter() + ": " + engine.describeReason() + "; best epoch "
                + engine.bestEpoch() + " (validation loss " + score(engineBestScore) + "), its parameters restored");
        out.add("dl4j:   stopped after epoch " + dl4j.totalEpochs() + " (getTotalEpochs() " + dl4j.totalEpochs() + "): "
                + dl4j.terminationDetails() + "; best epoch " + s.dl4jBestEpoch() + " (getBestModelEpoch() " + dl4j.bestModelEpoch()
                + ", counted from 0; getBestModelScore() " + dl4j.bestModelScore() + ", getScoreVsEpoch() "
                + score(dl4j.scoreVsEpoch().get(dl4j.bestModelEpoch())) + ")");
        if (s.failure() == null || s.failure().startsWith("best parameters")) {
            out.add(String.format(Locale.ROOT, "best parameters: engine vs getBestModel() worst rel. diff %s (trajectory"
                            + " tolerance %s); lockstep DL4J after epoch %d vs getBestModel() %s (step tolerance %.0e)",
                    err(s.bestParameterDrift()), Double.isInfinite(s.tolerance().trajectory().relative()) ? "none: reported only"
                            : String.format(Locale.ROOT, "%.0e", s.tolerance().trajectory().relative()), engine.bestEpoch(),
                    err(s.bestParameterStepError()), s.tolerance().step().relative()));
        }
        return out;
    }

    private static String score(Double v) {
        return v == null ? "-" : Double.isFinite(v) ? String.format(Locale.ROOT, "%.8f", v) : Double.toString(v);
    }

    static String loss(double v) {
        return String.format(Locale.ROOT, "%.8f", v);
    }

    static String err(double v) {
        if (v == 0.0) {
            return "0";
        }
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1e", v) : Double.toString(v);
    }
}
