package lockstep.harness;

import java.util.EnumMap;
import java.util.Map;
import lockstep.comparison.EpochValidation;
import lockstep.comparison.Quantity;
import lockstep.comparison.ShadowComparison;
import lockstep.comparison.StepComparison;
import lockstep.comparison.StepSnapshot;

/**
 * One epoch of a lockstep run: steps and examples, each side's training loss (the example-weighted
 * mean of the per-step batch-mean losses; the engine's is that of its free-running trajectory), the
 * worst step-check error per quantity, and the worst trajectory drift.
 */
public final class EpochSummary {
    private final int epoch;
    private int steps;
    private int examples;
    private double engineLossSum;
    private double dl4jLossSum;
    private final Map<Quantity, Double> worstStep = new EnumMap<>(Quantity.class);
    private double worstDrift;
    private double worstShadowRatio;
    private double worstDriftRatio;
    private double largestAbsolute;
    private EpochValidation validation;

    public EpochSummary(int epoch) {
        this.epoch = epoch;
    }

    void add(int batchSize, StepSnapshot freeEngine, StepSnapshot dl4j, StepComparison step, StepComparison trajectory,
             ShadowComparison shadow) {
        if (shadow != null) {
            worstShadowRatio = StepComparison.maxKeepingNaN(worstShadowRatio, shadow.worstRatio());
        }
        steps++;
        examples += batchSize;
        engineLossSum += freeEngine.loss() * batchSize;
        dl4jLossSum += dl4j.loss() * batchSize;
        for (Quantity q : Quantity.values()) {
            if (step.compared(q)) {
                worstStep.merge(q, step.worst(q), StepComparison::maxKeepingNaN);
            }
        }
        worstDrift = StepComparison.maxKeepingNaN(worstDrift, trajectory.worstOverall());
        largestAbsolute = Math.max(largestAbsolute, step.largestAbsolute());
    }

    public int epoch() {
        return epoch;
    }

    public int steps() {
        return steps;
    }

    public int examples() {
        return examples;
    }

    public double engineLoss() {
        return engineLossSum / examples;
    }

    public double dl4jLoss() {
        return dl4jLossSum / examples;
    }

    /** Whether the step check compared {@code q} in this epoch (an external engine reports no update). */
    public boolean compared(Quantity q) {
        return worstStep.containsKey(q);
    }

    /** The worst step-check error of a quantity in this epoch (0 if not compared). */
    public double worst(Quantity q) {
        return worstStep.getOrDefault(q, 0.0);
    }

    /** The worst step-check error over all quantities. */
    public double worstStep() {
        return worstStep.values().stream().reduce(0.0, StepComparison::maxKeepingNaN);
    }

    /** The largest absolute step-check difference of the epoch. */
    public double largestAbsolute() {
        return largestAbsolute;
    }

    /** The validation after this epoch, or null (no validation data, or the epoch ended in a divergence). */
    public EpochValidation validation() {
        return validation;
    }

    void setValidation(EpochValidation v) {
        this.validation = v;
    }

    /** FLOAT: the worst ratio of the engine's error from the DOUBLE shadow to DL4J's (0 without a shadow). */
    /** Records a FLOAT trajectory step's drift ratio (see {@code FloatDrift}). */
    void noteDriftRatio(double ratio) {
        worstDriftRatio = StepComparison.maxKeepingNaN(worstDriftRatio, ratio);
    }

    /** FLOAT: the worst drift(engine) / DL4J's own FLOAT drift in the epoch (0 when not judged so). */
    public double worstDriftRatio() {
        return worstDriftRatio;
    }

    public double worstShadowRatio() {
        return worstShadowRatio;
    }

    /** The worst trajectory error over all quantities. */
    public double worstDrift() {
        return worstDrift;
    }
}
