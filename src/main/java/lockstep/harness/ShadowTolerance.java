package lockstep.harness;

/**
 * How a FLOAT step is judged against its DOUBLE shadow: the same step, from the same (widened) parameters, updater
 * state and batch, computed by DL4J in DOUBLE. For every tensor x (a loss, a parameter's gradient, update, value after
 * the step, or updater state) each FLOAT side's error is measured against that reference r, relative to the tensor's
 * scale:
 * <pre>
 *   err(x) = max_i |x_i - r_i| / max_j |r_j|
 * </pre>
 * (less, for updates, updater state and parameters, what each element inherits from its side's error in the input it
 * was computed from). DL4J's own FLOAT error says how far a correct FLOAT implementation of this step rounds away from
 * the exact result; {@link ShadowNoise} keeps its largest value over recent steps. The engine passes when
 * <pre>
 *   err(engine) &lt;= factor · max(err(dl4j), floor)
 * </pre>
 * with a larger factor for the loss and gradients, which are sums where cancellation makes one step's rounding a
 * matter of luck, than for the element-wise updates, updater state and parameters. A non-finite value on the engine's
 * side never passes. A tensor whose reference lies entirely within {@code absolute} of 0 is nothing but the remains of
 * a cancelled sum (a bias gradient of 1e-19 in DOUBLE, 0 in DL4J's FLOAT and 2^-32 in the engine's): it has no scale to
 * be judged against, and there, as in the step check, a difference of at most {@code absolute} counts as none. The constants come from measurement: see the tolerance policy page in
 * docs.
 *
 * @param sumFactor         how many times DL4J's FLOAT error the engine's loss and gradients may have
 * @param elementwiseFactor the same for updates, updater state and parameters after the step
 * @param floor             the smallest error always allowed, relative to the tensor's scale
 * @param absolute          in a tensor whose reference is all within this of 0, differences up to it count as none
 */
public record ShadowTolerance(double sumFactor, double elementwiseFactor, double floor, double absolute) {
    /** 2^-24: half a float ulp at 1.0. */
    public static final double FLOAT_UNIT_ROUNDOFF = 0x1.0p-24;
    /**
     * Measured largest ratios err(engine) / max(err(dl4j), floor): 2.3 over coverage, the random networks, every
     * activation, loss and updater, except 8.0 for a gradient of the cube network (terms of 10^3 summing to 0.2).
     * The factors are twice that (sums) and over three times 2.3 (element-wise); the floor is 4 float ulps.
     */
    public static final ShadowTolerance FLOAT = new ShadowTolerance(16.0, 8.0, 8 * FLOAT_UNIT_ROUNDOFF, 1e-6);

    public ShadowTolerance {
        if (!(sumFactor >= 1) || !(elementwiseFactor >= 1) || !(floor >= 0) || !(absolute >= 0)) {
            throw new IllegalArgumentException("shadow factors must be >= 1, the floor and absolute tolerance >= 0, got "
                    + sumFactor + ", " + elementwiseFactor + ", " + floor + ", " + absolute);
        }
    }

    /** The factor for a quantity: {@link #sumFactor} for the loss and gradients, {@link #elementwiseFactor} otherwise. */
    public double factor(Quantity q) {
        return q == Quantity.LOSS || q == Quantity.GRADIENT ? sumFactor : elementwiseFactor;
    }

    /** The largest engine error of quantity {@code q} that passes where DL4J's FLOAT error is {@code dl4jError}. */
    public double bound(Quantity q, double dl4jError) {
        return factor(q) * Math.max(dl4jError, floor);
    }
}
