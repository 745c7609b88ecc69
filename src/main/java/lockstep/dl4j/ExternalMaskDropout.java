package lockstep.dl4j;

import lockstep.rand.MaskSource;
import lockstep.spec.DropoutSpec;
import org.deeplearning4j.nn.conf.dropout.AlphaDropout;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A DL4J dropout whose random arrays come from outside (e.g. recorded arrays replayed, or the engine's draw) instead
 * of ND4J's generator, applied with the ND4J operations of the stock class of its kind, in the same order, so that
 * given the array the stock class drew it computes what that class computes, bit for bit:
 * <pre>
 *   Dropout, GaussianDropout   forward MulOp(input, r, result)            backprop MulOp(grad, r, gradIn)
 *   GaussianNoise              forward AddOp(input, r, result)            backprop gradIn = grad
 *   AlphaDropout               forward t = r.rsub(1).muli(α');            backprop r.muli(a); MulOp(grad, r, gradIn)
 *                                      MulOp(input, r, result).addi(t).muli(a).addi(b)
 * </pre>
 * (AlphaDropout's α', a and b are read from a stock {@code AlphaDropout(p)}.) The array is a function of (layer,
 * iteration), so nothing is kept between the forward and backward pass.
 */
public final class ExternalMaskDropout implements IDropout {
    private static final long serialVersionUID = 1L;
    private final int layer;
    private final DropoutSpec dropout;
    private final MaskSource source;

    public ExternalMaskDropout(int layer, DropoutSpec dropout, MaskSource source) {
        this.layer = layer;
        this.dropout = dropout;
        this.source = source;
    }

    @Override
    public INDArray applyDropout(INDArray input, INDArray result, int iteration, int epoch, LayerWorkspaceMgr workspaceMgr) {
        INDArray r = array(result, iteration);
        switch (dropout.kind()) {
            case DROPOUT, GAUSSIAN_DROPOUT -> Nd4j.getExecutioner().exec(new MulOp(input, r, result));
            case GAUSSIAN_NOISE -> Nd4j.getExecutioner().exec(new AddOp(input, r, result));
            case ALPHA_DROPOUT -> {
                AlphaDropout stock = new AlphaDropout(dropout.value());
                INDArray t = r.rsub(1.0).muli(stock.getAlphaPrime());
                Nd4j.getExecutioner().exec(new MulOp(input, r, result));
                result.addi(t).muli(stock.getA()).addi(stock.getB());
            }
        }
        return result;
    }

    @Override
    public INDArray backprop(INDArray gradAtOutput, INDArray gradAtInput, int iteration, int epoch) {
        switch (dropout.kind()) {
            case DROPOUT, GAUSSIAN_DROPOUT -> Nd4j.getExecutioner().exec(new MulOp(gradAtOutput, array(gradAtOutput, iteration),
                    gradAtInput));
            case GAUSSIAN_NOISE -> {
                if (gradAtInput != gradAtOutput) {
                    gradAtInput.assign(gradAtOutput);
                }
            }
            case ALPHA_DROPOUT -> {
                INDArray r = array(gradAtOutput, iteration).muli(new AlphaDropout(dropout.value()).getA());
                Nd4j.getExecutioner().exec(new MulOp(gradAtOutput, r, gradAtInput));
            }
        }
        return gradAtInput;
    }

    /** The array of this layer at {@code iteration}, shaped like {@code like} [B, nIn], in its data type. */
    private INDArray array(INDArray like, int iteration) {
        int rows = (int) like.size(0);
        int cols = (int) like.size(1);
        return Nd4j.create(source.mask(layer, iteration, rows, cols), new long[] {rows, cols}, 'c').castTo(like.dataType());
    }

    @Override
    public void clear() {
        // stateless: the array is recomputed from (layer, iteration)
    }

    @Override
    public IDropout clone() {
        return new ExternalMaskDropout(layer, dropout, source);
    }
}
