package lockstep.comparison;

/**
 * How two tensors are compared. Element i is judged by the scale-aware relative difference
 * <pre>
 *   err_i = |e_i - d_i| / max(|e_i|, |d_i|, floor · max_j |d_j|)
 * </pre>
 * where e is the engine's value, d DL4J's, and the max over j runs over the whole tensor. An element
 * much smaller than the tensor's largest is judged relative to a fraction {@code floor} of that
 * largest value, so rounding noise on a near-zero element (a sum that almost cancels) does not read
 * as a large relative error. A difference of at most {@code absolute} counts as none (err_i = 0),
 * as in numpy's allclose: at that size it is the rounding noise of computing on values of order 1,
 * which decides the verdict when a whole tensor is nothing but such noise (a gradient that is exactly
 * 0 on one side and 1e-17 on the other, or a layer's gradient of 3e-11 left over from cancellation).
 * The tensor passes when every err_i is at most {@code relative}. A NaN or infinity on either side is
 * an error of +inf: it never passes.
 *
 * @param relative the largest err_i that passes
 * @param floor    fraction of the tensor's largest magnitude below which elements are judged against it
 * @param absolute differences up to this count as none
 */
public record Tolerance(double relative, double floor, double absolute) {

    public Tolerance {
        if (!(relative >= 0) || !(floor >= 0) || !(absolute >= 0)) {
            throw new IllegalArgumentException("tolerance, floor and absolute tolerance must be >= 0, got "
                    + relative + ", " + floor + ", " + absolute);
        }
    }

    /** err for one element given the tensor's largest magnitude {@code scale}; +inf for a non-finite value. */
    public double error(double engine, double dl4j, double scale) {
        if (!Double.isFinite(engine) || !Double.isFinite(dl4j)) {
            return Double.POSITIVE_INFINITY;
        }
        double diff = Math.abs(engine - dl4j);
        if (diff <= absolute) {
            return 0.0;
        }
        double denominator = Math.max(Math.max(Math.abs(engine), Math.abs(dl4j)), floor * scale);
        return diff / denominator;
    }

    public boolean passes(double error) {
        return error <= relative;
    }
}
