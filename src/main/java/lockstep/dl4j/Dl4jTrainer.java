package lockstep.dl4j;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import lockstep.linalg.DType;
import lockstep.spec.NetworkSpec;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Drives a DL4J MultiLayerNetwork one mini-batch at a time with {@code fit(DataSet)} and reads back
 * score, gradients, updates and parameters. Arrays cross this boundary as row-major doubles, so
 * nothing outside this package sees ND4J.
 */
public final class Dl4jTrainer {
    private final MultiLayerNetwork net;
    private final DataType dataType;

    public Dl4jTrainer(NetworkSpec spec, DType dtype, long seed) {
        this(spec, dtype, seed, null);
    }

    /** With dropout masks from {@code masks} (null: DL4J's own). */
    public Dl4jTrainer(NetworkSpec spec, DType dtype, long seed, MaskSource masks) {
        Nd4jRuntime.init();
        this.net = Dl4jNetworks.build(spec, dtype, seed, masks);
        this.dataType = Dl4jNetworks.dataType(dtype);
    }

    public MultiLayerNetwork network() {
        return net;
    }

    /** Sets DL4J's epoch counter (0-based), which epoch-based schedules read; fit(DataSet) never advances it. */
    public void setEpoch(int epoch) {
        net.setEpochCount(epoch);
    }

    /** Parameter keys in DL4J's order: 0_W, 0_b, 1_W, ... */
    public List<String> parameterKeys() {
        return List.copyOf(net.paramTable().keySet());
    }

    /** Every parameter as row-major doubles (W [nIn,nOut], b [nOut]). */
    public Map<String, double[]> parameters() {
        return toArrays(net.paramTable());
    }

    /** Overwrites each named parameter with the given row-major values (rounded to FLOAT in a FLOAT network). Modifies the network. */
    public void setParameters(Map<String, double[]> values) {
        for (Map.Entry<String, double[]> e : values.entrySet()) {
            INDArray current = net.getParam(e.getKey());
            if (current == null) {
                throw new IllegalArgumentException("DL4J network has no parameter " + e.getKey());
            }
            if (current.length() != e.getValue().length) {
                throw new IllegalArgumentException("parameter " + e.getKey() + " has " + current.length()
                        + " elements in DL4J, got " + e.getValue().length);
            }
            net.setParam(e.getKey(), Nd4j.create(e.getValue(), current.shape(), 'c').castTo(dataType));
        }
    }

    /**
     * One training step on the batch x [B,nIn], y [B,nOut] (row-major). First the gradient and score
     * are computed without changing anything; then {@code fit(DataSet)} performs the step, after
     * which DL4J's gradient view holds the update it subtracted.
     */
    public Dl4jStep step(double[] features, double[] labels, int batchSize) {
        INDArray x = matrix(features, batchSize);
        INDArray y = matrix(labels, batchSize);
        net.setInput(x);
        net.setLabels(y);
        net.computeGradientAndScore();
        double score = net.score();
        Map<String, double[]> gradients = toArrays(net.gradient().gradientForVariable());
        net.fit(new DataSet(x, y));
        Map<String, double[]> updates = toArrays(net.gradient().gradientForVariable());
        return new Dl4jStep(score, gradients, updates, parameters(), updaterState());
    }

    /**
     * One plain training step, as a DL4J user trains: {@code fit(DataSet)} on x [B,nIn], y [B,nOut]
     * (row-major) and nothing read back but the score, the batch-mean loss on the parameters before
     * the update. Modifies the network.
     */
    public double fit(double[] features, double[] labels, int batchSize) {
        net.fit(new DataSet(matrix(features, batchSize), matrix(labels, batchSize)));
        return net.score();
    }

    /** The network's output (inference mode) for x [rows,nIn], row-major, as row-major doubles [rows,nOut]. */
    public double[] output(double[] features, int rows) {
        return net.output(matrix(features, rows), false).castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }

    /**
     * The updater state per parameter, keyed {@code "0_W/M"}, row-major. DL4J keeps one flat state
     * array per updater block (consecutive parameters with equal updater settings); each parameter's
     * slice of it is laid out like its gradient view (W column-major), and is reordered here.
     */
    public Map<String, double[]> updaterState() {
        Map<String, double[]> out = new LinkedHashMap<>();
        forEachStateSlice((key, slice, layout) ->
                out.put(key, reorder(slice.castTo(DataType.DOUBLE).toDoubleVector(), layout, true)));
        return out;
    }

    /**
     * Overwrites the updater state, keyed and laid out as {@link #updaterState()} gives it (row-major, rounded to FLOAT in
     * a FLOAT network): each value is written into its parameter's slice of DL4J's flat state buffer. Modifies the
     * network's updater. Every key of the network's state must be given, and no other.
     */
    public void setUpdaterState(Map<String, double[]> values) {
        int[] written = {0};
        forEachStateSlice((key, slice, layout) -> {
            double[] given = values.get(key);
            if (given == null || given.length != slice.length()) {
                throw new IllegalArgumentException("updater state " + key + " has " + slice.length() + " elements in DL4J, got "
                        + (given == null ? "none" : given.length));
            }
            slice.assign(Nd4j.create(reorder(given, layout, false)).castTo(slice.dataType()));
            written[0]++;
        });
        if (written[0] != values.size()) {
            throw new IllegalArgumentException("updater state keys differ: DL4J has " + updaterState().keySet() + ", got "
                    + values.keySet());
        }
    }

    /** One parameter's slice of one state array: its key ("0_W/M"), the slice (a view) and the parameter it is laid out like. */
    private interface StateSlice {
        void accept(String key, INDArray slice, INDArray layout);
    }

    /** Hands every parameter's slice of every state array of every updater block to {@code action}, in DL4J's order. */
    private void forEachStateSlice(StateSlice action) {
        BaseMultiLayerUpdater<?> updater = (BaseMultiLayerUpdater<?>) net.getUpdater();
        for (UpdaterBlock block : updater.getUpdaterBlocks()) {
            Map<String, INDArray> state = block.getGradientUpdater().getState();
            if (state == null || state.isEmpty()) {
                continue;
            }
            for (UpdaterBlock.ParamState ps : block.getLayersAndVariablesInBlock()) {
                String param = ((Layer) ps.getLayer()).getIndex() + "_" + ps.getParamName();
                long start = ps.getParamOffsetStart() - block.getParamOffsetStart();
                long end = ps.getParamOffsetEnd() - block.getParamOffsetStart();
                INDArray layout = net.getParam(param);   // laid out in the flat buffers as the parameter is
                for (String name : new TreeSet<>(state.keySet())) {
                    INDArray flat = state.get(name).reshape(state.get(name).length());
                    action.accept(param + "/" + name, flat.get(NDArrayIndex.interval(start, end)), layout);
                }
            }
        }
    }

    /**
     * Reorders a parameter's values between the order its slice of a flat buffer holds them (laid out like its gradient
     * view: W column-major) and row-major order: to row-major when {@code toRowMajor}, back otherwise.
     */
    private static double[] reorder(double[] values, INDArray view, boolean toRowMajor) {
        if (view.rank() < 2 || view.ordering() == 'c' || view.rows() == 1 || view.columns() == 1) {
            return values;
        }
        int rows = (int) view.rows();
        int cols = (int) view.columns();
        double[] out = new double[values.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                if (toRowMajor) {
                    out[r * cols + c] = values[c * rows + r];
                } else {
                    out[c * rows + r] = values[r * cols + c];
                }
            }
        }
        return out;
    }

    private INDArray matrix(double[] rowMajor, int rows) {
        return Nd4j.create(rowMajor, new long[] {rows, rowMajor.length / rows}, 'c').castTo(dataType);
    }

    private Map<String, double[]> toArrays(Map<String, INDArray> arrays) {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (String key : net.paramTable().keySet()) {
            out.put(key, arrays.get(key).castTo(DataType.DOUBLE).dup('c').data().asDouble());
        }
        return out;
    }
}
