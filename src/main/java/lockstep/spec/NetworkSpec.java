package lockstep.spec;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A multi-layer perceptron: dense layers in order, the last one being the output layer that the
 * loss is applied to, with a default weight initialisation and one updater for all parameters.
 */
public record NetworkSpec(List<LayerSpec> layers, LossType loss, WeightInitSpec weightInit, UpdaterSpec updater) {

    public NetworkSpec {
        layers = List.copyOf(layers);
    }

    public LayerSpec outputLayer() {
        return layers.get(layers.size() - 1);
    }

    public int inputSize() {
        return layers.get(0).nIn();
    }

    public int outputSize() {
        return outputLayer().nOut();
    }

    /** The weight initialisation of layer i, its own or the network's default. */
    public WeightInitSpec weightInitOf(int i) {
        WeightInitSpec own = layers.get(i).weightInit();
        return own != null ? own : weightInit;
    }

    /** E.g. {@code 4-16(tanh)-3(softmax)}. */
    public String describeShape() {
        return inputSize() + "-" + layers.stream()
                .map(l -> l.nOut() + "(" + l.activation().name().toLowerCase() + ")")
                .collect(Collectors.joining("-"));
    }

    public NetworkSpec withUpdater(UpdaterSpec newUpdater) {
        return new NetworkSpec(layers, loss, weightInit, newUpdater);
    }
}
