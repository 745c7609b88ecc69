package lockstep.dl4j;

import java.util.Map;
import org.deeplearning4j.nn.conf.dropout.AlphaDropout;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.dropout.GaussianDropout;
import org.deeplearning4j.nn.conf.dropout.GaussianNoise;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One of DL4J's stock dropouts ({@link Dropout}, {@link GaussianDropout}, {@link GaussianNoise}, {@link AlphaDropout}),
 * unchanged: it draws, applies and backpropagates its own random array. After each {@code applyDropout} a copy of
 * that array and of the layer's input after it are put into a map the trainer reads (layer index to
 * {@link Drawn}, row-major [B, nIn]). Clones (DL4J clones layer configurations) share the map.
 * <p>
 * Where each keeps its array (M2.1): {@code Dropout.getMask()} (the DropOutInverted result, 0 or 1/p),
 * {@code GaussianDropout.getNoise()} (the N(1, sqrt(rate/(1−rate))) noise), {@code AlphaDropout.getMask()} (the
 * Bernoulli(p) mask d; {@code backprop} later multiplies it by a in place), all allocated in the layer's workspace and
 * dropped after backprop, so they are copied right after {@code applyDropout}. {@code GaussianNoise} keeps nothing:
 * its noise is a local of {@code applyDropout}. It is therefore drawn a second time: the generator state (root, node)
 * before the call is saved, and after it the same op ({@code GaussianDistribution(0, stddev)} on an array of the
 * output's type and the input's shape and order) is run again from that state, which gives the same values (ND4J's
 * generator is counter-based: a value is a function of the state and its index) and ends in the state the call left;
 * that state is set again in any case, so DL4J's later draws are unchanged. The copy is checked: input + noise, rounded
 * in the data type, must be the output DL4J computed, bit for bit, or the step fails.
 */
final class ObservedDropout implements IDropout {
    private static final long serialVersionUID = 1L;
    private final int layer;
    private final IDropout inner;
    private final transient Map<Integer, Drawn> drawn;

    /** A layer's dropout in one training forward pass: the random array it drew and its output, row-major [B, nIn]. */
    record Drawn(double[] array, double[] output) {
    }

    ObservedDropout(int layer, IDropout inner, Map<Integer, Drawn> drawn) {
        if (!(inner instanceof Dropout || inner instanceof GaussianDropout || inner instanceof GaussianNoise
                || inner instanceof AlphaDropout)) {
            throw new IllegalArgumentException("not one of DL4J's four dropouts: " + inner);
        }
        this.layer = layer;
        this.inner = inner;
        this.drawn = drawn;
    }

    @Override
    public INDArray applyDropout(INDArray input, INDArray result, int iteration, int epoch, LayerWorkspaceMgr workspaceMgr) {
        Random rng = Nd4j.getRandom();
        long root = rng.rootState();
        long node = rng.nodeState();
        double[] in = inner instanceof GaussianNoise ? rowMajor(input) : null;    // the output may overwrite the input
        INDArray out = inner.applyDropout(input, result, iteration, epoch, workspaceMgr);
        double[] output = rowMajor(out);
        double[] array;
        if (inner instanceof Dropout d) {
            array = rowMajor(d.getMask());
        } else if (inner instanceof GaussianDropout g) {
            array = rowMajor(g.getNoise());
        } else if (inner instanceof AlphaDropout a) {
            array = rowMajor(a.getMask());
        } else {
            array = redrawnNoise((GaussianNoise) inner, input, out, root, node);
            checkSum(in, array, output, out.dataType());
        }
        drawn.put(layer, new Drawn(array, output));
        return out;
    }

    /**
     * GaussianNoise's noise, drawn again from the generator state (root, node) it started from; leaves the generator
     * in the state the call left it in.
     */
    private double[] redrawnNoise(GaussianNoise n, INDArray input, INDArray output, long root, long node) {
        Random rng = Nd4j.getRandom();
        long rootAfter = rng.rootState();
        long nodeAfter = rng.nodeState();
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            INDArray noise = Nd4j.createUninitialized(output.dataType(), input.shape(), input.ordering());
            rng.setStates(root, node);
            Nd4j.getExecutioner().exec(new GaussianDistribution(noise, 0.0, n.getStddev()));
            if (rng.rootState() != rootAfter || rng.nodeState() != nodeAfter) {
                throw new IllegalStateException("layer " + layer + ": GaussianNoise drew more than one op (generator state "
                        + rootAfter + "/" + nodeAfter + " after it, " + rng.rootState() + "/" + rng.nodeState() + " after the redraw)");
            }
            return noise.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        } finally {
            rng.setStates(rootAfter, nodeAfter);
        }
    }

    /** Throws unless output = input + noise element by element, rounded once in the data type (DL4J's AddOp). */
    private void checkSum(double[] in, double[] noise, double[] output, DataType type) {
        for (int i = 0; i < output.length; i++) {
            double sum = in[i] + noise[i];
            double expected = type == DataType.FLOAT ? (float) sum : sum;
            if (Double.doubleToRawLongBits(expected) != Double.doubleToRawLongBits(output[i])) {
                throw new IllegalStateException("layer " + layer + ": the redrawn GaussianNoise is not the noise DL4J added"
                        + " (element " + i + ": input " + in[i] + " + noise " + noise[i] + " != output " + output[i] + ")");
            }
        }
    }

    /** A row-major copy as doubles, made outside any workspace. */
    private static double[] rowMajor(INDArray a) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return a.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        }
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
        return new ObservedDropout(layer, inner.clone(), drawn);
    }
}
