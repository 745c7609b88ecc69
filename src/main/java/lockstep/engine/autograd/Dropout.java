package lockstep.engine.autograd;

import lockstep.engine.dropout.InputDropout;
import lockstep.linalg.Matrix;
import lockstep.rand.MaskSource;

/**
 * One of DL4J's dropouts on a layer's input (PyTorch's nn.Dropout and its kin): inverted dropout (keep with
 * probability p, scale by 1/p), Gaussian dropout, Gaussian noise or alpha dropout, as {@link InputDropout} computes
 * them. The random arrays come from a {@link MaskSource} (the engine's reproduction of DL4J's, addressed by layer
 * and iteration), so autograd, matrix engine and DL4J use the same ones. In training mode each forward pass uses the
 * array of the current iteration and then advances it (one forward pass per training step, as a training loop
 * makes them); {@link #setIteration} sets it, e.g. from the optimizer's count. In evaluation mode it passes x through.
 */
public final class Dropout implements Module {
    private final InputDropout dropout;
    private final int layer;
    private final MaskSource masks;
    private boolean training = true;
    private Matrix lastMask;
    private Matrix lastOutput;
    private int iteration;

    /** {@code dropout} on the input of layer {@code layer}, with the arrays {@code masks} gives. */
    public Dropout(InputDropout dropout, int layer, MaskSource masks) {
        this.dropout = dropout;
        this.layer = layer;
        this.masks = masks;
    }

    /** f(x, r) in training mode (advancing the iteration), x in evaluation mode. */
    @Override
    public Tensor forward(Tensor x) {
        if (!training) {
            return x;
        }
        Matrix mask = Matrix.of(x.dtype(), x.rows(), x.cols(),
                masks.mask(layer, iteration, x.rows(), x.cols()));   // r   [B,nIn]
        lastMask = mask;
        iteration++;
        Tensor out = MaskOp.apply(x, dropout, mask);
        lastOutput = out.data();
        return out;
    }

    /** Training mode (the default) draws masks; evaluation mode turns dropout off. Modifies the mode only. */
    @Override
    public void train(boolean training) {
        this.training = training;
    }

    /** The layer whose input this drops out. */
    public int layer() {
        return layer;
    }

    /** The array (mask or noise) of the latest training forward pass, [B,nIn], or null before the first. */
    public Matrix lastMask() {
        return lastMask;
    }

    /** The input after the dropout in the latest training forward pass, [B,nIn], or null before the first. */
    public Matrix lastOutput() {
        return lastOutput;
    }

    /** The iteration whose mask the next training forward pass uses. */
    public void setIteration(int iteration) {
        this.iteration = iteration;
    }

    public int iteration() {
        return iteration;
    }
}
