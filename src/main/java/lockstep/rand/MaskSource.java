package lockstep.rand;

import java.io.Serializable;

/**
 * The dropout mask a layer's input gets in a training forward pass: row-major [rows, cols], values 0 or
 * the inverted-dropout scale 1/p. Addressed by (layer, iteration) so that every party of a step (the engine's
 * forward and backward pass, a gradient check repeating the forward pass) sees the same mask.
 */
@FunctionalInterface
public interface MaskSource extends Serializable {
    /** The mask of {@code layer}'s input [rows, cols] at training iteration {@code iteration} (0-based), row-major. */
    double[] mask(int layer, int iteration, int rows, int cols);
}
