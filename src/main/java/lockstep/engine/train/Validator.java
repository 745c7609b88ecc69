package lockstep.engine.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lockstep.data.Batch;
import lockstep.data.Dataset;
import lockstep.engine.EngineComponents;
import lockstep.engine.Network;
import lockstep.engine.NetworkBuilder;
import lockstep.engine.optim.Optimizer;
import lockstep.linalg.DType;
import lockstep.linalg.Matrix;
import lockstep.spec.LayerSpec;
import lockstep.spec.NetworkSpec;

/**
 * Scores given parameters on validation examples without training: one forward pass over all of them in
 * inference mode (no dropout: the validator's own copy of the network is built without it), the batch-mean
 * loss plus the regularisation penalty (what DL4J's {@code score(DataSet, false)} and its early-stopping
 * {@code DataSetLossCalculator} report), and the accuracy of the argmax class.
 */
public final class Validator {

    /**
     * @param loss        mean loss over the validation examples plus the regularisation penalty
     * @param accuracy    fraction of examples whose largest output is at their class
     * @param predictions the predicted class of each example (the first largest output on a tie)
     * @param outputs     the network's outputs [n, nOut]
     */
    public record Score(double loss, double accuracy, int[] predictions, Matrix outputs) {
    }

    private final Network network;
    private final Optimizer penalty;
    private final Batch examples;
    private final int[] classes;

    /** A validator for {@code data}, labels encoded for the network's loss, in {@code dtype}. */
    public Validator(NetworkSpec spec, DType dtype, EngineComponents components, Dataset data) {
        List<LayerSpec> layers = new ArrayList<>();
        for (LayerSpec l : spec.layers()) {
            layers.add(l.withDropout(null));                 // inference: no dropout
        }
        NetworkSpec inference = spec.withLayers(layers);
        this.network = NetworkBuilder.build(inference, dtype, 1, components);   // its parameters are set before each use
        this.network.setTraining(false);                                        // batch norm on its running statistics
        this.penalty = components.optimizer(spec);
        this.classes = new int[data.size()];
        for (int i = 0; i < classes.length; i++) {
            classes[i] = data.classOf(i);
        }
        this.examples = data.all(dtype, spec.loss().labels());
    }

    /** The score of {@code parameters} (keyed 0_W, 0_b, ..., row-major). Modifies only the validator's own network. */
    public Score evaluate(Map<String, double[]> parameters) {
        network.setParameterValues(parameters);
        Matrix out = network.forward(examples.features());                     // [n, nOut]
        double loss = network.score(examples.labels()) + penalty.penalty(network.parameters());
        int[] predicted = new int[out.rows()];
        int correct = 0;
        for (int r = 0; r < out.rows(); r++) {
            predicted[r] = argmax(out, r);
            correct += predicted[r] == classes[r] ? 1 : 0;
        }
        return new Score(loss, (double) correct / out.rows(), predicted, out.copy());
    }

    /** The true class of each validation example. */
    public int[] classes() {
        return classes.clone();
    }

    /** The column of the largest element of row r (the first one on a tie). */
    public static int argmax(Matrix m, int r) {
        int best = 0;
        for (int c = 1; c < m.cols(); c++) {
            if (m.get(r, c) > m.get(r, best)) {
                best = c;
            }
        }
        return best;
    }
}
