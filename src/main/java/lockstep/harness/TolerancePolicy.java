package lockstep.harness;

import lockstep.linalg.DType;

/**
 * The tolerances of the two checks for a data type (in FLOAT the trajectory has no fixed tolerance by default:
 * float rounding compounds at a rate that depends on the run, so it is judged against DL4J's own FLOAT drift
 * instead, see {@link FloatDrift}), and the drift window: the free-running engine
 * is re-synchronised with DL4J's parameters and updater state every {@code driftWindow} steps, so that
 * rounding differences, which compound chaotically (in FLOAT above all), can only grow for that many
 * steps, while a bug in how the engine carries its state from step to step still shows within a window. The defaults were set from measurement (see
 * README, "Tolerance policy"): the step check at about 100x the worst one-step rounding difference
 * seen, the trajectory check at about 10x the worst drift seen over 30 epochs of Iris for several seeds.
 */
public record TolerancePolicy(Tolerance step, Tolerance trajectory, int driftWindow, ShadowTolerance shadow) {
    /** Steps the free-running engine trains on its own before it is re-synchronised with DL4J. */
    public static final int DEFAULT_DRIFT_WINDOW = 100;
    public static final TolerancePolicy DOUBLE = new TolerancePolicy(new Tolerance(1e-10, 1e-3, 1e-14), new Tolerance(1e-6, 1.0, 1e-14),
            DEFAULT_DRIFT_WINDOW);
    public static final TolerancePolicy FLOAT = new TolerancePolicy(new Tolerance(1e-2, 1.0, 1e-6), new Tolerance(Double.POSITIVE_INFINITY, 1.0, 1e-6),
            DEFAULT_DRIFT_WINDOW, ShadowTolerance.FLOAT);

    /** A policy without a DOUBLE shadow (the step and trajectory checks only). */
    public TolerancePolicy(Tolerance step, Tolerance trajectory, int driftWindow) {
        this(step, trajectory, driftWindow, null);
    }

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
        return new TolerancePolicy(t, trajectory, driftWindow, shadow);
    }

    public TolerancePolicy withTrajectory(Tolerance t) {
        return new TolerancePolicy(step, t, driftWindow, shadow);
    }

    /** 0: never re-synchronise (the engine's whole run is independent of DL4J's). */
    public TolerancePolicy withDriftWindow(int steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("drift window must be >= 0, got " + steps);
        }
        return new TolerancePolicy(step, trajectory, steps, shadow);
    }
}
