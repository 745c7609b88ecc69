package lockstep.harness;

/**
 * How two tensors are compared. Element i is judged by the scale-aware relative difference
 * <pre>
 *   err_i = |e_i - d_i| / max(|e_i|, |d_i|, floor · max_j |d_j|)
 * </pre>
 * where e is the engine's value, d DL4J's, and the max over j runs over the whole tensor. An element
 * much smaller than the tensor's largest is judged relative to a fraction {@code floor} of that
 * largest value, so rounding noise on a near-zero element (a sum that almost cancels) does not read
 * as a large relative error. The tensor passes when every err_i is at most {@code relative}. A NaN
 * or infinity on either side is an error of +inf: it never passes.
 *
 * @param relative the largest err_i that passes
 * @param floor    fraction of the tensor's largest magnitude below which elements are judged against it
 */
public record Tolerance(double relative, double floor) {

    public Tolerance {
        if (!(relative >= 0) || !(floor >= 0)) {
            throw new IllegalArgumentException("tolerance and floor must be >= 0, got " + relative + ", " + floor);
        }
    }

    /** err for one element given the tensor's largest magnitude {@code scale}; +inf for a non-finite value. */
    public double error(double engine, double dl4j, double scale) {
        if (!Double.isFinite(engine) || !Double.isFinite(dl4j)) {
            return Double.POSITIVE_INFINITY;
        }
        double diff = Math.abs(engine - dl4j);
        if (diff == 0.0) {
            return 0.0;
        }
        double denominator = Math.max(Math.max(Math.abs(engine), Math.abs(dl4j)), floor * scale);
        return diff / denominator;
    }

    public boolean passes(double error) {
        return error <= relative;
    }
}
