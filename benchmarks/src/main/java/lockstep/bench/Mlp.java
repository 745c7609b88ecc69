package lockstep.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lockstep.spec.ActivationType;
import lockstep.spec.InputShape;
import lockstep.spec.LayerSpec;
import lockstep.spec.LossType;
import lockstep.spec.NetworkSpec;
import lockstep.spec.UpdaterSpec;
import lockstep.spec.UpdaterType;
import lockstep.spec.WeightInit;
import lockstep.spec.WindowSpec;

/**
 * A benchmarked network and its batch size: a multi-layer perceptron named like {@code 784-128(relu)-10/B128}
 * (widths from input to output, each hidden width with its activation, a SOFTMAX output layer with MCXENT, Xavier
 * initial weights and plain SGD, lr {@value #LEARNING_RATE}), or {@code lenet/B64}: DL4J's LeNet example on 28x28x1
 * images (conv 5x5 to 20, max pool 2x2, conv 5x5 to 50, max pool 2x2, dense 500 relu, softmax 10) with the same
 * loss, init and updater. Immutable.
 */
record Mlp(String name, int[] widths, List<ActivationType> hidden, int batch, boolean lenet) {

    static final double LEARNING_RATE = 0.01;
    private static final Pattern WIDTH = Pattern.compile("(\\d+)(?:\\((\\w+)\\))?");

    /** Parses {@code 784-512(relu)-256(relu)-10/B128}; throws naming the part that does not fit. */
    static Mlp parse(String name) {
        String[] shapeAndBatch = name.split("/B");
        if (shapeAndBatch.length == 2 && shapeAndBatch[0].equals("lenet")) {
            return new Mlp(name, new int[] {784, 10}, List.of(), Integer.parseInt(shapeAndBatch[1]), true);
        }
        if (shapeAndBatch.length != 2) {
            throw new IllegalArgumentException("network '" + name + "': expected WIDTHS/B<batch>, e.g. 784-128(relu)-10/B128");
        }
        String[] parts = shapeAndBatch[0].split("-");
        int[] widths = new int[parts.length];
        List<ActivationType> hidden = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            Matcher m = WIDTH.matcher(parts[i]);
            boolean isHidden = i > 0 && i < parts.length - 1;
            if (!m.matches() || (m.group(2) != null) != isHidden) {
                throw new IllegalArgumentException("network '" + name + "': width " + (i + 1) + " '" + parts[i]
                        + "' (hidden widths carry their activation, input and output widths none)");
            }
            widths[i] = Integer.parseInt(m.group(1));
            if (isHidden) {
                hidden.add(ActivationType.valueOf(m.group(2).toUpperCase(java.util.Locale.ROOT)));
            }
        }
        if (widths.length < 2) {
            throw new IllegalArgumentException("network '" + name + "': needs at least an input and an output width");
        }
        return new Mlp(name, widths, List.copyOf(hidden), Integer.parseInt(shapeAndBatch[1]), false);
    }

    NetworkSpec spec() {
        if (lenet) {
            WindowSpec conv = new WindowSpec(5, 5, 1, 1, 0, 0, WindowSpec.Mode.TRUNCATE, null);
            WindowSpec pool = new WindowSpec(2, 2, 2, 2, 0, 0, WindowSpec.Mode.TRUNCATE, WindowSpec.Pooling.MAX);
            return new NetworkSpec(List.of(LayerSpec.convolution(1, 20, ActivationType.IDENTITY, conv),
                    LayerSpec.subsampling(20, pool), LayerSpec.convolution(20, 50, ActivationType.IDENTITY, conv),
                    LayerSpec.subsampling(50, pool), new LayerSpec(800, 500, ActivationType.RELU),
                    new LayerSpec(500, 10, ActivationType.SOFTMAX)), LossType.MCXENT, WeightInit.XAVIER,
                    new UpdaterSpec(UpdaterType.SGD, LEARNING_RATE)).withInput(new InputShape(28, 28, 1));
        }
        List<LayerSpec> layers = new ArrayList<>();
        for (int i = 0; i + 1 < widths.length; i++) {
            boolean output = i + 2 == widths.length;
            layers.add(new LayerSpec(widths[i], widths[i + 1], output ? ActivationType.SOFTMAX : hidden.get(i)));
        }
        return new NetworkSpec(layers, LossType.MCXENT, WeightInit.XAVIER, new UpdaterSpec(UpdaterType.SGD, LEARNING_RATE));
    }

    /** The widths and the batch without activations: {@code 784-512-256-10 B128}. */
    String shortName() {
        if (lenet) {
            return "LeNet 1x28x28 B" + batch;
        }
        return java.util.Arrays.stream(widths).mapToObj(Integer::toString)
                .collect(java.util.stream.Collectors.joining("-")) + " B" + batch;
    }

    int inputs() {
        return widths[0];
    }

    int classes() {
        return widths[widths.length - 1];
    }

    /**
     * Floating-point operations of the matrix products a training step on {@code rows} examples needs:
     * per layer z = x·W, dW = xᵀ·δ and, for every layer but the first, dL/dx = δ·Wᵀ, each
     * 2·rows·nIn·nOut. (The first layer's dL/dx is the gradient of the data, which no one needs: the
     * engine skips it, DL4J's BaseLayer.backpropGradient computes it anyway; it is not counted for either.)
     * Activations, loss, bias and update are not counted.
     */
    long stepFlops(int rows) {
        if (lenet) {
            throw new UnsupportedOperationException("LeNet's flops are not counted (" + name + ")");
        }
        long flops = 0;
        for (int i = 0; i + 1 < widths.length; i++) {
            flops += (i == 0 ? 2L : 3L) * 2L * rows * widths[i] * widths[i + 1];
        }
        return flops;
    }
}
