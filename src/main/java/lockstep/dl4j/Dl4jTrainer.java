package lockstep.dl4j;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import lockstep.linalg.DType;
import lockstep.rand.MaskSource;
import lockstep.spec.NetworkSpec;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Drives a DL4J MultiLayerNetwork one mini-batch at a time with {@code fit(DataSet)} and reads back
 * score, gradients, updates and parameters. Arrays cross this boundary as row-major doubles, so
 * nothing outside this package sees ND4J.
 * <p>
 * ND4J has one generator per process, from which every network's dropout draws. Each trainer therefore
 * keeps its own generator state: the one {@code init()} left, then the one its last step left, restored
 * before each step and saved after it, so that several networks in one process (the lockstep run's DL4J
 * side, its DOUBLE shadow, a validation or early-stopping twin) each draw as if alone.
 */
public final class Dl4jTrainer {
    private final MultiLayerNetwork net;
    private final DataType dataType;
    private final GradientCapture capture = new GradientCapture();
    private final Map<Integer, ObservedDropout.Drawn> drawn = new java.util.concurrent.ConcurrentHashMap<>();
    private long rootState;
    private long nodeState;

    /** DL4J's own network: its own initial parameters and its own dropout, all drawn from {@code seed}. */
    public Dl4jTrainer(NetworkSpec spec, DType dtype, long seed) {
        this(spec, dtype, seed, null);
    }

    /** With dropout arrays from {@code masks} (a replay of recorded arrays), or null for DL4J's own dropouts. */
    public Dl4jTrainer(NetworkSpec spec, DType dtype, long seed, MaskSource masks) {
        Nd4jRuntime.init();
        this.net = Dl4jNetworks.build(spec, dtype, seed, masks, drawn);
        this.dataType = Dl4jNetworks.dataType(dtype);
        saveRandomState();
        net.setListeners(capture);
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

    /**
     * Every parameter's shape as DL4J's own network holds it, by key in DL4J's order: W [nIn, nOut] (a convolution's
     * [nOut, nIn, kh, kw]); a bias or batch-norm vector, which DL4J keeps as a [1, nOut] row, as [nOut].
     */
    public Map<String, int[]> parameterShapes() {
        Map<String, int[]> out = new java.util.LinkedHashMap<>();
        for (org.deeplearning4j.nn.api.Layer layer : net.getLayers()) {
            layer.paramTable().forEach((name, array) -> {
                long[] shape = array.shape();
                boolean vector = !name.equals(org.deeplearning4j.nn.params.DefaultParamInitializer.WEIGHT_KEY)
                        && shape.length == 2 && shape[0] == 1;       // a bias or a batch-norm vector, kept as [1, n]
                out.put(layer.getIndex() + "_" + name, vector ? new int[] {(int) shape[1]}
                        : java.util.Arrays.stream(shape).mapToInt(d -> (int) d).toArray());
            });
        }
        return out;
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
     * One training step on the batch x [B,nIn], y [B,nOut] (row-major): one {@code fit(DataSet)}, during which
     * a listener copies the score and the raw gradient once DL4J has computed them and before its updater
     * turns them into the update (so both come from the same forward pass and the same dropout masks);
     * afterwards DL4J's gradient view holds the update it subtracted. Modifies the network and its generator state.
     */
    public Dl4jStep step(double[] features, double[] labels, int batchSize) {
        fit(features, labels, batchSize);
        Map<String, double[]> updates = toArrays(net.gradient().gradientForVariable());
        return new Dl4jStep(capture.score, capture.gradients, updates, parameters(), updaterState());
    }

    /**
     * DL4J's training step with DL4J's gradient replaced by {@code rawGradients} (the SUM over the batch, row-major, keyed
     * like {@link #parameters()}): one {@code fit(DataSet)} on x [B,nIn], y [B,nOut] whose listener overwrites the gradient
     * view once DL4J has computed it, so that DL4J's own gradient normalisation, regularisation and updater turn the given
     * gradient into the update. The snapshot's raw gradients are the given ones. Modifies the network, its updater state
     * and its generator state.
     */
    public Dl4jStep stepWithGradient(double[] features, double[] labels, int batchSize, Map<String, double[]> rawGradients) {
        capture.substitute = rawGradients;
        try {
            fit(features, labels, batchSize);
        } finally {
            capture.substitute = null;
        }
        Map<String, double[]> updates = toArrays(net.gradient().gradientForVariable());
        return new Dl4jStep(capture.score, rawGradients, updates, parameters(), updaterState());
    }

    /**
     * One plain training step, as a DL4J user trains: {@code fit(DataSet)} on x [B,nIn], y [B,nOut]
     * (row-major) and nothing read back but the score, the batch-mean loss on the parameters before
     * the update. Modifies the network and its generator state.
     */
    public double fit(double[] features, double[] labels, int batchSize) {
        Nd4j.getRandom().setStates(rootState, nodeState);
        drawn.clear();
        net.fit(new DataSet(matrix(features, batchSize), matrix(labels, batchSize)));
        saveRandomState();
        return net.score();
    }

    /**
     * The random arrays DL4J's own dropouts drew in the latest training step, by layer index, row-major [B, nIn]:
     * Dropout's mask (0 or 1/p), GaussianDropout's and GaussianNoise's noise, AlphaDropout's 0/1 mask. Empty without
     * dropout or with arrays given from outside.
     */
    public Map<Integer, double[]> lastMasks() {
        Map<Integer, double[]> out = new java.util.TreeMap<>();
        drawn.forEach((layer, d) -> out.put(layer, d.array()));
        return out;
    }

    /** Each dropout layer's input after its dropout in the latest training step, row-major [B, nIn]; as {@link #lastMasks}. */
    public Map<Integer, double[]> lastDroppedInputs() {
        Map<Integer, double[]> out = new java.util.TreeMap<>();
        drawn.forEach((layer, d) -> out.put(layer, d.output()));
        return out;
    }

    /** This network's generator state (root, node): where its next dropout draw starts. */
    public long[] randomState() {
        return new long[] {rootState, nodeState};
    }

    /** Sets where this network's next dropout draw starts (e.g. a DOUBLE shadow drawing what the FLOAT network drew). */
    public void setRandomState(long[] state) {
        this.rootState = state[0];
        this.nodeState = state[1];
    }

    private void saveRandomState() {
        rootState = Nd4j.getRandom().rootState();
        nodeState = Nd4j.getRandom().nodeState();
    }

    /**
     * Copies the score and the raw gradients when DL4J has computed them, before the updater changes them in place; when
     * {@link #substitute} is set, then overwrites the gradient views with it (row-major values, in the network's data type).
     */
    private final class GradientCapture extends BaseTrainingListener {
        private double score;
        private Map<String, double[]> gradients;
        private Map<String, double[]> substitute;

        @Override
        public void onGradientCalculation(Model model) {
            score = model.score();
            Map<String, INDArray> views = model.gradient().gradientForVariable();
            gradients = toArrays(views);
            if (substitute != null) {
                for (String key : net.paramTable().keySet()) {
                    INDArray view = views.get(key);
                    double[] given = substitute.get(key);
                    if (given == null || given.length != view.length()) {
                        throw new IllegalArgumentException("gradient " + key + " has " + view.length() + " elements in DL4J, got "
                                + (given == null ? "none" : given.length));
                    }
                    view.assign(Nd4j.create(given, view.shape(), 'c').castTo(view.dataType()));
                }
            }
        }
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
