package lockstep.comparison;

/**
 * How a FLOAT step is judged against its DOUBLE shadow: the same step, from the same (widened) parameters, updater
 * state and batch, computed by DL4J in DOUBLE; for the update rule (update, parameters after the step, updater state),
 * DL4J's rule applied to the engine's own gradient, in DOUBLE with the FLOAT hyperparameters. For each tensor x each
 * FLOAT side's error (DL4J's FLOAT step's, or its FLOAT rule's on the engine's gradient) is measured against that
 * reference r, relative to the tensor's scale:
 * <pre>
 *   err(x) = max_i |x_i - r_i| / max_j |r_j|
 * </pre>
 * DL4J's own FLOAT error says how far a correct FLOAT implementation of this step rounds away from the exact result;
 * {@link ShadowNoise} keeps its largest value over recent steps. The engine passes when
 * <pre>
 *   err(engine) &lt;= factor · max(err(dl4j), floor)
 * </pre>
 * with a larger factor for the loss and gradients, sums where cancellation makes one step's rounding a matter of luck,
 * than for the element-wise update rule.
 * A non-finite value on the engine's side never passes. A tensor whose reference lies entirely within
 * {@code absolute} of 0 is nothing but the remains of a cancelled sum (a bias gradient of 1e-19 in DOUBLE, 0 in
 * DL4J's FLOAT and 2^-32 in the engine's): it has no scale to be judged against, and there, as in the step check, a
 * difference of at most {@code absolute} counts as none. The constants come from measurement: see the tolerance policy page in docs.
 *
 * @param factor     how many times DL4J's FLOAT error the engine's loss and gradients may have
 * @param ruleFactor the same for the update, updater state and parameters after the step
 * @param floor    the smallest error always allowed, relative to the tensor's scale
 * @param absolute in a tensor whose reference is all within this of 0, differences up to it count as none
 */
public record ShadowTolerance(double factor, double ruleFactor, double floor, double absolute) {
    /** 2^-24: half a float ulp at 1.0. */
    public static final double FLOAT_UNIT_ROUNDOFF = 0x1.0p-24;
    /**
     * Measured largest ratios err(engine) / max(err(dl4j), floor): 2.3 over coverage and the random networks, 8.0 for a
     * gradient of the cube network (terms of 10^3 summing to 0.2); over about 10,000 fresh random networks, 38 for a
     * gradient through saturated rectified tanh units, where 1 - t² of a float t near 1 keeps one or two significant
     * bits and DL4J's one draw happened to round close. The factor for loss and gradients is 64 (1.7 times that); the
     * rule's, from the same gradient, 8; the floor is 4 float ulps.
     */
    public static final ShadowTolerance FLOAT = new ShadowTolerance(64.0, 8.0, 8 * FLOAT_UNIT_ROUNDOFF, 1e-6);

    public ShadowTolerance {
        if (!(factor >= 1) || !(ruleFactor >= 1) || !(floor >= 0) || !(absolute >= 0)) {
            throw new IllegalArgumentException("the shadow factors must be >= 1, the floor and absolute tolerance >= 0, got "
                    + factor + ", " + ruleFactor + ", " + floor + ", " + absolute);
        }
    }

    /** The factor for a quantity: {@link #factor} for the loss and gradients, {@link #ruleFactor} otherwise. */
    public double factorFor(Quantity q) {
        return q == Quantity.LOSS || q == Quantity.GRADIENT ? factor : ruleFactor;
    }

    /** The largest engine error of quantity {@code q} that passes where DL4J's FLOAT error is {@code dl4jError}. */
    public double bound(Quantity q, double dl4jError) {
        return factorFor(q) * Math.max(dl4jError, floor);
    }
}
