package lockstep.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import lockstep.comparison.StepComparison;
import lockstep.comparison.TensorDiff;
import lockstep.comparison.Tolerance;
import lockstep.comparison.TolerancePolicy;
import lockstep.dl4j.Dl4jEarlyStopping;
import lockstep.engine.train.EarlyStopping;

/**
 * The engine's early stopping next to DL4J's EarlyStoppingTrainer, run from the same initial parameters on the same
 * batches and validation examples. Compared, in this order: the validation score of every evaluated epoch (the
 * engine's, computed at the lockstep run's DL4J parameters, against the trainer's {@code getScoreVsEpoch()} at the
 * step tolerance, and the free-running engine's at the trajectory tolerance); which epochs were evaluated and after
 * which epoch and why training stopped; the best epoch; the restored best parameters (the engine's against
 * {@code getBestModel()}'s at the trajectory tolerance, and the lockstep run's DL4J parameters of that epoch against
 * them at the step tolerance, which shows the trainer trained on the same batches). Epochs are numbered from 1;
 * DL4J's own numbers are one less.
 */
public final class EarlyStoppingComparison {

    /**
     * One evaluated epoch (null where a side did not evaluate it).
     *
     * @param engineScore   the free-running engine's validation loss (what its early stopping decided on)
     * @param anchoredScore the engine's validation loss at the lockstep run's DL4J parameters
     * @param dl4jScore     the EarlyStoppingTrainer's score ({@code getScoreVsEpoch()})
     */
    public record Row(int epoch, Double engineScore, Double anchoredScore, Double dl4jScore, double stepError, double drift) {
    }

    private final EarlyStopping engine;
    private final Dl4jEarlyStopping.Outcome dl4j;
    private final List<Row> rows = new ArrayList<>();
    private final TolerancePolicy tolerance;
    private double bestParameterDrift;
    private double bestParameterStepError;
    private String failure;

    private EarlyStoppingComparison(EarlyStopping engine, Dl4jEarlyStopping.Outcome dl4j, TolerancePolicy tolerance) {
        this.engine = engine;
        this.dl4j = dl4j;
        this.tolerance = tolerance;
    }

    /**
     * @param engine          the engine's early stopping after it stopped
     * @param anchoredScores  per evaluated epoch, the engine's validation loss at the lockstep run's DL4J parameters
     * @param dl4jAtBest      the lockstep run's DL4J parameters after the engine's best epoch
     * @param dl4j            what DL4J's EarlyStoppingTrainer did
     */
    public static EarlyStoppingComparison of(EarlyStopping engine, Map<Integer, Double> anchoredScores,
                                             Map<String, double[]> dl4jAtBest, Dl4jEarlyStopping.Outcome dl4j,
                                             TolerancePolicy tolerance) {
        EarlyStoppingComparison c = new EarlyStoppingComparison(engine, dl4j, tolerance);
        c.compare(anchoredScores, dl4jAtBest);
        return c;
    }

    private void compare(Map<Integer, Double> anchoredScores, Map<String, double[]> dl4jAtBest) {
        TreeSet<Integer> epochs = new TreeSet<>(engine.scores().keySet());
        dl4j.scoreVsEpoch().keySet().forEach(k -> epochs.add(k + 1));
        Tolerance step = tolerance.step();
        Tolerance trajectory = tolerance.trajectory();
        for (int e : epochs) {
            Double free = engine.scores().get(e);
            Double anchored = anchoredScores.get(e);
            Double d = dl4j.scoreVsEpoch().get(e - 1);
            double stepError = 0;
            double drift = 0;
            if (anchored != null && d != null) {
                stepError = step.error(anchored, d, Math.abs(d));
                drift = trajectory.error(free, d, Math.abs(d));
                if (Double.isNaN(anchored) && Double.isNaN(d)) {
                    stepError = 0;               // both sides scored NaN: they agree that the model diverged
                    drift = 0;
                }
                if (failure == null && !step.passes(stepError)) {
                    failure = String.format(Locale.ROOT, "after epoch %d: validation score: engine (at DL4J's parameters) %s,"
                            + " EarlyStoppingTrainer %s, rel %.1e (step tolerance %.0e)", e, value(anchored), value(d),
                            stepError, step.relative());
                }
                if (failure == null && !trajectory.passes(drift)) {
                    failure = String.format(Locale.ROOT, "after epoch %d: validation score: engine %s, EarlyStoppingTrainer"
                            + " %s, rel %.1e (trajectory tolerance %.0e)", e, value(free), value(d), drift, trajectory.relative());
                }
            }
            rows.add(new Row(e, free, anchored, d, stepError, drift));
        }
        if (failure == null && !engine.scores().keySet().equals(dl4jEvaluated())) {
            failure = "the engine evaluated after epochs " + engine.scores().keySet() + ", DL4J's EarlyStoppingTrainer after "
                    + dl4jEvaluated();
        }
        if (failure == null && (engine.stoppedAfter() != dl4j.totalEpochs() || !sameReason())) {
            failure = "the engine stopped after epoch " + engine.stoppedAfter() + " (" + engine.describeReason()
                    + "), DL4J's EarlyStoppingTrainer after epoch " + dl4j.totalEpochs() + " (" + dl4j.terminationDetails() + ")";
        }
        if (failure == null && engine.bestEpoch() != dl4jBestEpoch()) {
            failure = "best epoch: engine " + engine.bestEpoch() + ", DL4J's EarlyStoppingTrainer " + dl4jBestEpoch()
                    + " (getBestModelEpoch() " + dl4j.bestModelEpoch() + ")";
        }
        if (failure == null) {
            Map<String, double[]> best = engine.bestParameters();
            for (String k : StepComparison.backpropOrder(best.keySet())) {
                TensorDiff drift = TensorDiff.of(best.get(k), dl4j.bestParameters().get(k), trajectory);
                TensorDiff same = TensorDiff.of(dl4jAtBest.get(k), dl4j.bestParameters().get(k), step);
                bestParameterDrift = StepComparison.maxKeepingNaN(bestParameterDrift, drift.worstError());
                bestParameterStepError = StepComparison.maxKeepingNaN(bestParameterStepError, same.worstError());
                if (failure == null && !same.passed()) {
                    failure = String.format(Locale.ROOT, "best parameters: %s[%d] of getBestModel() %s, the lockstep run's DL4J"
                                    + " parameters after epoch %d %s (step tolerance %.0e): the trainer did not train on the same batches",
                            k, same.firstFailIndex(), value(dl4j.bestParameters().get(k)[same.firstFailIndex()]), engine.bestEpoch(),
                            value(dl4jAtBest.get(k)[same.firstFailIndex()]), step.relative());
                }
                if (failure == null && !drift.passed()) {
                    failure = String.format(Locale.ROOT, "best parameters: %s[%d] engine %s, getBestModel() %s, rel %.1e"
                                    + " (trajectory tolerance %.0e)", k, drift.firstFailIndex(),
                            value(best.get(k)[drift.firstFailIndex()]), value(dl4j.bestParameters().get(k)[drift.firstFailIndex()]),
                            drift.firstFailError(), trajectory.relative());
                }
            }
        }
    }

    private TreeSet<Integer> dl4jEvaluated() {
        TreeSet<Integer> out = new TreeSet<>();
        dl4j.scoreVsEpoch().keySet().forEach(k -> out.add(k + 1));
        return out;
    }

    private boolean sameReason() {
        return switch (engine.reason()) {
            case MAX_EPOCHS -> dl4j.condition() == Dl4jEarlyStopping.Condition.MAX_EPOCHS;
            case NO_IMPROVEMENT -> dl4j.condition() == Dl4jEarlyStopping.Condition.SCORE_IMPROVEMENT;
        };
    }

    /** DL4J's best epoch, counted from 1. */
    public int dl4jBestEpoch() {
        return dl4j.bestModelEpoch() + 1;
    }

    public boolean passed() {
        return failure == null;
    }

    /** What disagreed first, or null. */
    public String failure() {
        return failure;
    }

    public List<Row> rows() {
        return rows;
    }

    public EarlyStopping engine() {
        return engine;
    }

    public Dl4jEarlyStopping.Outcome dl4j() {
        return dl4j;
    }

    /** The worst trajectory error of the engine's restored parameters against getBestModel()'s. */
    public double bestParameterDrift() {
        return bestParameterDrift;
    }

    /** The worst step error of the lockstep run's DL4J parameters at the best epoch against getBestModel()'s. */
    public double bestParameterStepError() {
        return bestParameterStepError;
    }

    /** The tolerances the run judged with. */
    public TolerancePolicy tolerance() {
        return tolerance;
    }

    /** For the verdict line, e.g. {@code early stopping agrees: best epoch 12, stopped after epoch 15 (no improvement)}. */
    public String summary() {
        return "early stopping agrees: best epoch " + engine.bestEpoch() + ", stopped after epoch " + engine.stoppedAfter()
                + " (" + engine.reason().description() + ")";
    }

    private static String value(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.10g", v) : Double.toString(v);
    }
}
