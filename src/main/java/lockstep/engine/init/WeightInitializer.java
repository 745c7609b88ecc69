package lockstep.engine.init;

import lockstep.linalg.Matrix;
import lockstep.rand.SplitMix64;
import lockstep.spec.WeightInit;

/**
 * Draws initial weights W [nIn,nOut] with DL4J's formulas, from the engine's own seeded generator
 * (DL4J's native RNG cannot be reproduced, so the harness copies the engine's draw into DL4J).
 * Each layer draws from its own stream (seed, layer), so changing one layer's scheme leaves the others alone.
 */
public final class WeightInitializer {
    static final long INIT_STREAM = 0x494E4954L;

    private WeightInitializer() {
    }

    /** Fills w [nIn,nOut] in row-major order. Modifies w. */
    public static void initialize(Matrix w, WeightInit scheme, long seed, int layerIndex) {
        int nIn = w.rows();
        int nOut = w.cols();
        SplitMix64 rng = SplitMix64.stream(seed, INIT_STREAM, layerIndex);
        for (int i = 0; i < w.size(); i++) {
            w.set(i, draw(scheme, nIn, nOut, rng));
        }
    }

    static double draw(WeightInit scheme, int nIn, int nOut, SplitMix64 rng) {
        return switch (scheme) {
            case XAVIER_UNIFORM -> {
                double s = Math.sqrt(6.0 / (nIn + nOut));
                yield (2.0 * rng.nextDouble() - 1.0) * s;   // U[-s, s)
            }
            case RELU -> rng.nextGaussian() * Math.sqrt(2.0 / nIn);
            case ZERO -> 0.0;
        };
    }
}
