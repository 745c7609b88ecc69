package lockstep.harness;

import java.util.List;
import lockstep.comparison.Divergence;
import lockstep.comparison.StepComparison;
import lockstep.comparison.TolerancePolicy;
import lockstep.spec.RunSpec;

/**
 * The outcome of a lockstep run: the epochs completed (up to and including the one that diverged),
 * the number of steps compared, the first divergence (null on PASS) and, with early stopping, the
 * comparison of the engine's early stopping with DL4J's EarlyStoppingTrainer (null without early
 * stopping or when a step diverged first).
 */
public record LockstepResult(RunSpec spec, TolerancePolicy tolerance, List<EpochSummary> epochs, int steps,
                             int parameterCount, Divergence divergence, EarlyStoppingComparison earlyStopping) {

    public LockstepResult(RunSpec spec, TolerancePolicy tolerance, List<EpochSummary> epochs, int steps,
                          int parameterCount, Divergence divergence) {
        this(spec, tolerance, epochs, steps, parameterCount, divergence, null);
    }

    public boolean passed() {
        return divergence == null && (earlyStopping == null || earlyStopping.passed());
    }

    /** Examples seen over the run: the sizes of every batch trained on (both sides saw the same ones). */
    public long examplesSeen() {
        return epochs.stream().mapToLong(EpochSummary::examples).sum();
    }

    /** The worst step-check error over every step and quantity. */
    public double worstStepError() {
        return epochs.stream().mapToDouble(EpochSummary::worstStep).reduce(0.0, StepComparison::maxKeepingNaN);
    }

    /** The largest absolute step-check difference over the run. */
    public double largestAbsolute() {
        return epochs.stream().mapToDouble(EpochSummary::largestAbsolute).max().orElse(0.0);
    }

    /** True when the run's FLOAT steps were judged against a DOUBLE shadow. */
    public boolean shadowed() {
        return tolerance.shadowFor(spec.training().dataType()) != null;
    }

    /** FLOAT: the worst ratio of the engine's error from the DOUBLE shadow to DL4J's over the run (0 without a shadow). */
    public double worstShadowRatio() {
        return epochs.stream().mapToDouble(EpochSummary::worstShadowRatio).reduce(0.0, StepComparison::maxKeepingNaN);
    }

    /** FLOAT: the worst ratio of the engine's drift from DL4J to DL4J's own FLOAT drift (0 when not judged so). */
    public double worstDriftRatio() {
        return epochs.stream().mapToDouble(EpochSummary::worstDriftRatio).reduce(0.0, StepComparison::maxKeepingNaN);
    }

    /** True when the FLOAT trajectory is judged against DL4J's own FLOAT drift (the default in FLOAT). */
    public boolean driftJudgedAgainstDl4j() {
        return shadowed() && Double.isInfinite(tolerance.trajectory().relative());
    }

    /** The worst trajectory error over every step and quantity. */
    public double worstDrift() {
        return epochs.stream().mapToDouble(EpochSummary::worstDrift).reduce(0.0, StepComparison::maxKeepingNaN);
    }
}
