package lockstep.dl4j;

import lockstep.rand.MaskSource;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J dropout whose masks come from outside (recorded masks replayed, e.g. from a golden scenario) instead of ND4J's
 * native RNG, so that both sides drop the same activations: output = input ⊙ mask, and the
 * gradient flows back as gradAtOutput ⊙ mask, exactly as DL4J's own Dropout with its mask of 0 and 1/p.
 * The mask is a function of (layer, iteration), so nothing is kept between the forward and backward pass.
 */
public final class ExternalMaskDropout implements IDropout {
    private static final long serialVersionUID = 1L;
    private final int layer;
    private final MaskSource source;

    public ExternalMaskDropout(int layer, MaskSource source) {
        this.layer = layer;
        this.source = source;
    }

    @Override
    public INDArray applyDropout(INDArray input, INDArray result, int iteration, int epoch, LayerWorkspaceMgr workspaceMgr) {
        return result.assign(input.mul(mask(input, iteration)));
    }

    @Override
    public INDArray backprop(INDArray gradAtOutput, INDArray gradAtInput, int iteration, int epoch) {
        return gradAtInput.assign(gradAtOutput.mul(mask(gradAtOutput, iteration)));
    }

    private INDArray mask(INDArray like, int iteration) {
        int rows = (int) like.size(0);
        int cols = (int) like.size(1);
        return Nd4j.create(source.mask(layer, iteration, rows, cols), new long[] {rows, cols}, 'c').castTo(like.dataType());
    }

    @Override
    public void clear() {
        // stateless: the mask is recomputed from (layer, iteration)
    }

    @Override
    public IDropout clone() {
        return new ExternalMaskDropout(layer, source);
    }
}
