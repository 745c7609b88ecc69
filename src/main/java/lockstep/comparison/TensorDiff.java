package lockstep.comparison;

/**
 * The comparison of one tensor under a {@link Tolerance}: the worst element error, and the first
 * element (in row-major order) that fails, if any.
 *
 * @param worstError      the largest err_i (+inf if any value is NaN or infinite)
 * @param worstIndex      where it occurs
 * @param firstFailIndex  the first index whose err_i exceeds the tolerance, or -1
 * @param firstFailError  err at that index (0 when nothing failed)
 * @param largestAbsolute the largest |e_i - d_i| (+inf for a non-finite value), to show what "0" hides
 */
public record TensorDiff(double worstError, int worstIndex, int firstFailIndex, double firstFailError,
                         double largestAbsolute) {

    public boolean passed() {
        return firstFailIndex < 0;
    }

    /** The tensor's scale: its largest finite magnitude (0 when it has none). */
    public static double scale(double[] d) {
        double scale = 0.0;
        for (double v : d) {
            if (Double.isFinite(v)) {
                scale = Math.max(scale, Math.abs(v));
            }
        }
        return scale;
    }

    /** Compares engine values {@code e} with DL4J's {@code d} element by element. */
    public static TensorDiff of(double[] e, double[] d, Tolerance tolerance) {
        return of(e, d, tolerance, null);
    }

    /**
     * As {@link #of(double[], double[], Tolerance)}, with element i allowed {@code allowance[i]} on top
     * of the tolerance (null: none). The harness allows an update the error its gradient already has.
     */
    public static TensorDiff of(double[] e, double[] d, Tolerance tolerance, double[] allowance) {
        if (e.length != d.length) {
            throw new IllegalArgumentException("tensors differ in size: engine " + e.length + ", dl4j " + d.length);
        }
        double scale = scale(d);
        double worst = 0.0;
        int worstIndex = 0;
        int firstFail = -1;
        double firstFailError = 0.0;
        double largestAbsolute = 0.0;
        for (int i = 0; i < e.length; i++) {
            double err = tolerance.error(e[i], d[i], scale);
            double abs = Math.abs(e[i] - d[i]);
            largestAbsolute = Double.isNaN(abs) ? Double.POSITIVE_INFINITY : Math.max(largestAbsolute, abs);
            if (err > worst || Double.isNaN(err)) {
                worst = err;
                worstIndex = i;
            }
            if (firstFail < 0 && !(err <= tolerance.relative() + (allowance == null ? 0.0 : allowance[i]))) {
                firstFail = i;
                firstFailError = err;
            }
        }
        return new TensorDiff(worst, worstIndex, firstFail, firstFailError, largestAbsolute);
    }
}
