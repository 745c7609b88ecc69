package lockstep.golden;

import lockstep.comparison.Divergence;

/**
 * How one side (the engine, or a DL4J replay) compared with a scenario's golden data.
 *
 * @param side            "engine" or "dl4j"
 * @param steps           steps replayed (up to and including the failing one)
 * @param storedCompared  stored steps compared in full
 * @param worstStep       the worst step-check error (relative, as the tolerance policy judges it)
 * @param worstDrift      the worst trajectory error (engine only; 0 for DL4J)
 * @param largestAbsolute the largest absolute difference of any compared value
 * @param divergence      the first divergence (null when none, or when {@code failure} is not about a tensor)
 * @param failure         the first problem as one line (null on PASS)
 * @param trace           the replay step by step, up to where it stopped
 */
public record SideResult(String side, int steps, int storedCompared, double worstStep, double worstDrift,
                         double largestAbsolute, Divergence divergence, String failure, ReplayTrace trace) {

    public boolean passed() {
        return failure == null;
    }

    /** Every compared value equal to the last bit (the losses between stored steps included). */
    public boolean bitIdentical() {
        return passed() && largestAbsolute == 0.0 && worstDrift == 0.0;
    }
}
