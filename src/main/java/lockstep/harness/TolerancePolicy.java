package lockstep.harness;

import lockstep.linalg.DType;

/**
 * The tolerances of the two checks for a data type. The defaults were set from measurement (see
 * README, "Tolerance policy"): the step check at about 100x the worst one-step rounding difference
 * seen, the trajectory check at about 10x the worst drift seen over 30 epochs of Iris for several seeds.
 */
public record TolerancePolicy(Tolerance step, Tolerance trajectory) {
    public static final TolerancePolicy DOUBLE = new TolerancePolicy(new Tolerance(1e-10, 1e-3), new Tolerance(1e-6, 1.0));
    public static final TolerancePolicy FLOAT = new TolerancePolicy(new Tolerance(1e-2, 1.0), new Tolerance(1e-1, 1.0));

    public static TolerancePolicy defaultFor(DType dtype) {
        return dtype == DType.DOUBLE ? DOUBLE : FLOAT;
    }

    public Tolerance of(Check check) {
        return check == Check.STEP ? step : trajectory;
    }

    public TolerancePolicy withStep(Tolerance t) {
        return new TolerancePolicy(t, trajectory);
    }

    public TolerancePolicy withTrajectory(Tolerance t) {
        return new TolerancePolicy(step, t);
    }
}
