package lockstep.dl4j;

import java.util.Map;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's stock {@link Dropout}, unchanged (it draws, applies and backpropagates its own mask), with a copy of
 * the mask of each training forward pass put into a map the trainer reads: layer index to row-major
 * [B, nIn] values 0 or 1/p. Dropout keeps its mask in a workspace and drops it after backprop, so it is
 * copied right after {@code applyDropout}. Clones (DL4J clones layer configurations) share the map.
 */
final class ObservedDropout implements IDropout {
    private static final long serialVersionUID = 1L;
    private final int layer;
    private final Dropout inner;
    private final transient Map<Integer, double[]> masks;

    ObservedDropout(int layer, Dropout inner, Map<Integer, double[]> masks) {
        this.layer = layer;
        this.inner = inner;
        this.masks = masks;
    }

    @Override
    public INDArray applyDropout(INDArray input, INDArray result, int iteration, int epoch, LayerWorkspaceMgr workspaceMgr) {
        INDArray out = inner.applyDropout(input, result, iteration, epoch, workspaceMgr);
        masks.put(layer, inner.getMask().castTo(DataType.DOUBLE).dup('c').data().asDouble());
        return out;
    }

    @Override
    public INDArray backprop(INDArray gradAtOutput, INDArray gradAtInput, int iteration, int epoch) {
        return inner.backprop(gradAtOutput, gradAtInput, iteration, epoch);
    }

    @Override
    public void clear() {
        inner.clear();
    }

    @Override
    public IDropout clone() {
        return new ObservedDropout(layer, inner.clone(), masks);
    }
}
