package lockstep.engine.autograd;

import lockstep.linalg.Matrix;
import lockstep.rand.MaskSource;

/**
 * Inverted dropout on a layer's input, PyTorch's nn.Dropout with DL4J's parameterisation: each element
 * is kept with probability p and then scaled by 1/p. The masks come from a {@link MaskSource} (the engine's
 * reproduction of DL4J's, addressed by layer and iteration), so autograd, matrix engine and DL4J
 * drop the same elements. In training mode each forward pass uses the mask of the current iteration
 * and then advances it (one forward pass per training step, as a training loop makes them);
 * {@link #setIteration} sets it, e.g. from the optimizer's count. In evaluation mode it passes x through.
 */
public final class Dropout implements Module {
    private final double keepProbability;
    private final int layer;
    private final MaskSource masks;
    private boolean training = true;
    private Matrix lastMask;
    private int iteration;

    /** Dropout on the input of layer {@code layer}, keeping each element with probability {@code keepProbability}. */
    public Dropout(double keepProbability, int layer, MaskSource masks) {
        if (!(keepProbability > 0.0 && keepProbability <= 1.0)) {
            throw new IllegalArgumentException("dropout keep probability must be in (0, 1], got " + keepProbability);
        }
        this.keepProbability = keepProbability;
        this.layer = layer;
        this.masks = masks;
    }

    /** x ⊙ mask in training mode (advancing the iteration), x in evaluation mode. */
    @Override
    public Tensor forward(Tensor x) {
        if (!training || keepProbability == 1.0) {
            return x;
        }
        Matrix mask = Matrix.of(x.dtype(), x.rows(), x.cols(),
                masks.mask(layer, iteration, x.rows(), x.cols()));   // [B,nIn]
        lastMask = mask;
        iteration++;
        return MaskOp.apply(x, mask);
    }

    /** Training mode (the default) draws masks; evaluation mode turns dropout off. Modifies the mode only. */
    public void train(boolean training) {
        this.training = training;
    }

    /** The layer whose input this drops out. */
    public int layer() {
        return layer;
    }

    /** The mask of the latest training forward pass, [B,nIn], or null before the first. */
    public Matrix lastMask() {
        return lastMask;
    }

    /** The iteration whose mask the next training forward pass uses. */
    public void setIteration(int iteration) {
        this.iteration = iteration;
    }

    public int iteration() {
        return iteration;
    }
}
