package lockstep.rand;

import java.io.Serializable;

/**
 * The random array a layer's input dropout draws in a training forward pass, row-major [rows, cols] like the input:
 * what DL4J's class keeps for its backward pass (Dropout: the mask, 0 or 1/p; GaussianDropout: the multiplicative
 * noise; GaussianNoise: the additive noise; AlphaDropout: the 0/1 keep mask). Addressed by (layer, iteration) so that
 * every party of a step (the engine's forward and backward pass, a gradient check repeating the forward pass) sees
 * the same array.
 */
@FunctionalInterface
public interface MaskSource extends Serializable {
    /** The array of {@code layer}'s input [rows, cols] at training iteration {@code iteration} (0-based), row-major. */
    double[] mask(int layer, int iteration, int rows, int cols);
}
