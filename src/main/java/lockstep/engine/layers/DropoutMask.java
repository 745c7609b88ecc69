package lockstep.engine.layers;

import lockstep.rand.SplitMix64;

/**
 * The inverted-dropout masks of a run, as a pure function of (seed, layer, iteration): element i
 * keeps its activation with probability p and is then scaled by 1/p, so m_i = u_i < p ? 1/p : 0 (DL4J's
 * DropOutInverted values). Being a function, the same mask can be handed to DL4J, to an engine
 * re-anchored before each step, and to the free-running engine.
 */
public final class DropoutMask {
    static final long DROPOUT_STREAM = 0x44524F50L;

    private DropoutMask() {
    }

    /** The mask for a [rows, cols] input of {@code layer} at {@code iteration}, row-major. */
    public static double[] values(long seed, int layer, int iteration, int rows, int cols, double keepProbability) {
        SplitMix64 rng = SplitMix64.stream(seed, DROPOUT_STREAM, layer, iteration);
        double kept = 1.0 / keepProbability;
        double[] mask = new double[rows * cols];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = rng.nextDouble() < keepProbability ? kept : 0.0;
        }
        return mask;
    }
}
