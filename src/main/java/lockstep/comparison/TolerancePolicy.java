package lockstep.comparison;

import lockstep.linalg.DType;

/**
 * The tolerances of the checks for a data type: the step check's for the loss and gradients ({@code step}) and for
 * the update rule ({@code rule}: the engine's update, updater state and parameters after the step against DL4J's rule
 * applied to the engine's own gradient), the FLOAT step's DOUBLE shadow ({@code shadow}, null in DOUBLE), and the
 * trajectory's (in FLOAT the trajectory has no fixed tolerance by default:
 * float rounding compounds at a rate that depends on the run, so it is judged against DL4J's own FLOAT drift
 * instead, see {@code harness.FloatDrift}), and the drift window: the free-running engine
 * is re-synchronised with DL4J's parameters and updater state every {@code driftWindow} steps, so that
 * rounding differences, which compound chaotically (in FLOAT above all), can only grow for that many
 * steps, while a bug in how the engine carries its state from step to step still shows within a window. The defaults were set from measurement (see
 * README, "Tolerance policy"): the step check at about 100x the worst one-step rounding difference
 * seen, the trajectory check at about 10x the worst drift seen over 30 epochs of Iris for several seeds.
 */
public record TolerancePolicy(Tolerance step, Tolerance trajectory, int driftWindow, ShadowTolerance shadow, Tolerance rule) {
    /** Steps the free-running engine trains on its own before it is re-synchronised with DL4J. */
    public static final int DEFAULT_DRIFT_WINDOW = 100;
    /**
     * The step check's absolute tolerances for loss and gradients: a gradient that a sum cancels to (almost) nothing is
     * the rounding noise of its order-1 terms, measured up to 8e-14 (DOUBLE) and 1.8e-6 (FLOAT) over 8,000 fresh random
     * networks; these are about 6 times that.
     */
    static final double DOUBLE_STEP_ABSOLUTE = 5e-13;
    static final double FLOAT_STEP_ABSOLUTE = 1e-5;
    public static final TolerancePolicy DOUBLE = new TolerancePolicy(new Tolerance(1e-10, 1e-3, DOUBLE_STEP_ABSOLUTE), new Tolerance(1e-6, 1.0, 1e-14),
            DEFAULT_DRIFT_WINDOW, null, new Tolerance(1e-10, 1e-3, 1e-14));
    public static final TolerancePolicy FLOAT = new TolerancePolicy(new Tolerance(1e-2, 1.0, FLOAT_STEP_ABSOLUTE), new Tolerance(Double.POSITIVE_INFINITY, 1.0, 1e-6),
            DEFAULT_DRIFT_WINDOW, ShadowTolerance.FLOAT, new Tolerance(1e-2, 1.0, 1e-6));

    public static TolerancePolicy defaultFor(DType dtype) {
        return dtype == DType.DOUBLE ? DOUBLE : FLOAT;
    }

    /** The shadow tolerance a run in {@code dtype} is judged by: the policy's in FLOAT, none (null) in DOUBLE. */
    public ShadowTolerance shadowFor(DType dtype) {
        return dtype == DType.FLOAT ? shadow : null;
    }

    public Tolerance of(Check check) {
        return check == Check.STEP ? step : trajectory;
    }

    public TolerancePolicy withStep(Tolerance t) {
        return new TolerancePolicy(t, trajectory, driftWindow, shadow, rule);
    }

    public TolerancePolicy withTrajectory(Tolerance t) {
        return new TolerancePolicy(step, t, driftWindow, shadow, rule);
    }

    /** 0: never re-synchronise (the engine's whole run is independent of DL4J's). */
    public TolerancePolicy withDriftWindow(int steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("drift window must be >= 0, got " + steps);
        }
        return new TolerancePolicy(step, trajectory, steps, shadow, rule);
    }
}
