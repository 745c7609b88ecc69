package lockstep.spec;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A multi-layer perceptron: dense layers in order, the last one being the output layer that the
 * loss is applied to, with network-wide defaults (DL4J's global builder settings) for weight
 * initialisation, updater, regularisation and gradient normalisation, which layers may override.
 */
public record NetworkSpec(List<LayerSpec> layers, LossType loss, WeightInitSpec weightInit, UpdaterSpec updater,
                          RegularizationSpec regularization, GradientNormalizationSpec gradientNormalization,
                          InputShape input) {

    public NetworkSpec {
        layers = List.copyOf(layers);
    }

    /** A network fed flat feature rows (no image input shape). */
    public NetworkSpec(List<LayerSpec> layers, LossType loss, WeightInitSpec weightInit, UpdaterSpec updater,
                       RegularizationSpec regularization, GradientNormalizationSpec gradientNormalization) {
        this(layers, loss, weightInit, updater, regularization, gradientNormalization, null);
    }

    /** This network fed images of {@code shape} as flat rows (null: flat features). */
    public NetworkSpec withInput(InputShape shape) {
        return new NetworkSpec(layers, loss, weightInit, updater, regularization, gradientNormalization, shape);
    }

    /**
     * The biases that cannot change the loss in training: a dense or convolution layer with the identity activation
     * whose output reaches a batch normalisation through layers that carry a shift of their input, the same for every
     * example and position, to their output as such a shift ({@link #carriesAShift}: pooling, and dense or unpadded
     * convolution layers with the identity activation and no dropout). Batch normalisation subtracts each channel's
     * batch mean, so such a bias cancels, and its gradient is zero by construction: what either side computes for it is
     * rounding noise, and so is its trajectory (an adaptive updater turns that noise into steps).
     */
    public java.util.Set<String> biasesCancelledByBatchNorm() {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        List<LayerInput> inputs = input == null ? null : LayerInput.of(this);
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec l = layers.get(i);
            if ((l.type() != LayerType.DENSE && l.type() != LayerType.CONVOLUTION) || l.activation() != ActivationType.IDENTITY) {
                continue;
            }
            int j = i + 1;
            while (j < layers.size() && carriesAShift(layers.get(j), inputs == null ? null : inputs.get(j))) {
                j++;
            }
            if (j < layers.size() && layers.get(j).type() == LayerType.BATCH_NORMALIZATION) {
                out.add(ParameterKey.bias(i).name());
            }
        }
        return out;
    }

    /**
     * Whether layer {@code l} (fed {@code in}) turns a shift of its input, per channel and the same for every example
     * and position, into such a shift of its output: max pooling and average pooling (the padding out of the divisor,
     * DL4J's default) do; so do a dense layer and a convolution with the identity activation and no dropout, the
     * convolution only where no window covers padding (there the shift would differ at the border).
     */
    private static boolean carriesAShift(LayerSpec l, LayerInput in) {
        return switch (l.type()) {
            case SUBSAMPLING -> true;
            case DENSE -> l.activation() == ActivationType.IDENTITY && l.dropout() == null;
            case CONVOLUTION -> l.activation() == ActivationType.IDENTITY
                    && !l.window().over(in.channels(), in.height(), in.width()).coversPadding();
            case BATCH_NORMALIZATION -> false;
        };
    }

    /** Whether every layer is dense (the networks lockstep trains end to end today). */
    public boolean isDenseOnly() {
        return layers.stream().allMatch(LayerSpec::isDense);
    }

    public NetworkSpec(List<LayerSpec> layers, LossType loss, WeightInitSpec weightInit, UpdaterSpec updater) {
        this(layers, loss, weightInit, updater, RegularizationSpec.NONE, GradientNormalizationSpec.NONE);
    }

    /** The updater of layer i, its own or the network's. */
    public UpdaterSpec updaterOf(int i) {
        UpdaterSpec own = layers.get(i).updater();
        return own != null ? own : updater;
    }

    /** The gradient normalisation of layer i, its own or the network's. */
    public GradientNormalizationSpec gradientNormalizationOf(int i) {
        GradientNormalizationSpec own = layers.get(i).gradientNormalization();
        return own != null ? own : gradientNormalization;
    }

    /** The parameters this network has, their shapes and their place in the flat vector. */
    public ParameterLayout parameterLayout() {
        return ParameterLayout.of(this);
    }

    public LayerSpec outputLayer() {
        return layers.get(layers.size() - 1);
    }

    /** Values per example: the image's channels·height·width, or the first layer's nIn. */
    public int inputSize() {
        return input != null ? input.size() : layers.get(0).nIn();
    }

    public int outputSize() {
        return outputLayer().nOut();
    }

    /** The weight initialisation of layer i, its own or the network's default. */
    public WeightInitSpec weightInitOf(int i) {
        WeightInitSpec own = layers.get(i).weightInit();
        return own != null ? own : weightInit;
    }

    /**
     * E.g. {@code 4-16(tanh)-3(softmax)}, {@code 4-16(tanh)-3(softmax, input dropout(p=0.8))} with dropout on layer 1's
     * input, or {@code 1x28x28-conv 5x5/1:20(identity)-max 2x2/2-...} for images.
     */
    public String describeShape() {
        return (input == null ? String.valueOf(inputSize()) : input.channels() + "x" + input.height() + "x" + input.width())
                + "-" + layers.stream().map(NetworkSpec::describe).collect(Collectors.joining("-"));
    }

    /** {@code 16(tanh)}, {@code conv 5x5/1:20(identity)}, {@code max 2x2/2}, {@code bn}. */
    private static String describe(LayerSpec l) {
        return switch (l.type()) {
            case DENSE -> l.nOut() + "(" + l.activation().name().toLowerCase()
                    + (l.dropout() == null ? "" : ", input " + l.dropout().describe()) + ")";
            case CONVOLUTION -> "conv " + l.window().describe() + ":" + l.nOut() + "(" + l.activation().name().toLowerCase() + ")";
            case SUBSAMPLING -> l.window().describe();
            case BATCH_NORMALIZATION -> "bn";
        };
    }

    public NetworkSpec withUpdater(UpdaterSpec newUpdater) {
        return new NetworkSpec(layers, loss, weightInit, newUpdater, regularization, gradientNormalization, input);
    }

    public NetworkSpec withRegularization(RegularizationSpec r) {
        return new NetworkSpec(layers, loss, weightInit, updater, r, gradientNormalization, input);
    }

    public NetworkSpec withGradientNormalization(GradientNormalizationSpec g) {
        return new NetworkSpec(layers, loss, weightInit, updater, regularization, g, input);
    }

    public NetworkSpec withLayers(List<LayerSpec> newLayers) {
        return new NetworkSpec(newLayers, loss, weightInit, updater, regularization, gradientNormalization, input);
    }

    /**
     * This network with every updater's hyperparameters rounded to FLOAT ({@link UpdaterSpec#roundedToFloat}): what a
     * FLOAT network's updaters compute with, for a DOUBLE network to compute the same rule exactly.
     */
    public NetworkSpec withUpdatersRoundedToFloat() {
        List<LayerSpec> rounded = layers.stream()
                .map(l -> l.updater() == null ? l : l.withUpdater(l.updater().roundedToFloat())).toList();
        return new NetworkSpec(rounded, loss, weightInit, updater == null ? null : updater.roundedToFloat(), regularization,
                gradientNormalization, input);
    }
}
