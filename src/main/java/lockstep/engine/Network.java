package lockstep.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lockstep.engine.layers.DenseLayer;
import lockstep.engine.layers.Layer;
import lockstep.engine.layers.RowBuffers;
import lockstep.engine.losses.Loss;
import lockstep.linalg.Matrix;

/**
 * Layers in order (dense, convolution, pooling, batch normalisation; the last one dense) and the loss on the last one:
 * the forward pass, the loss and the backward pass.
 */
public final class Network {
    private final List<Layer> layers;
    private final Loss loss;
    private final List<Parameter> parameters;
    private final ParameterBlock block;
    private final RowBuffers outputDelta;    // δ_L [B,nOut], reused per batch size

    /** The layers over the parameters of {@code block} (each layer's W and b are views in it), in order. */
    public Network(List<? extends Layer> layers, Loss loss, ParameterBlock block) {
        if (!(layers.get(layers.size() - 1) instanceof DenseLayer)) {
            throw new IllegalArgumentException("the last layer must be dense (the output layer)");
        }
        this.layers = List.copyOf(layers);
        this.loss = loss;
        this.block = block;
        List<Parameter> params = new ArrayList<>();
        for (Layer layer : layers) {
            params.addAll(layer.parameters());
        }
        this.parameters = List.copyOf(params);
        if (!parameters.equals(block.parameters())) {
            throw new IllegalArgumentException("the layers' parameters are not the block's, in its order");
        }
        DenseLayer out = outputLayer();
        this.outputDelta = new RowBuffers(out.weights().value().dtype(), out.weights().value().cols());
    }

    public List<Layer> layers() {
        return layers;
    }

    public Loss loss() {
        return loss;
    }

    /** Every parameter in DL4J's order: 0_W, 0_b, 1_W, 1_b, ... */
    public List<Parameter> parameters() {
        return parameters;
    }

    /** The parameters, gradients and updates as flat vectors in DL4J's layout. */
    public ParameterBlock parameterBlock() {
        return block;
    }

    /** A copy of every parameter's value, row-major, keyed by name ({@code "0_W"}) in DL4J's order. */
    public Map<String, double[]> parameterValues() {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (Parameter p : parameters) {
            out.put(p.name(), p.value().toDoubleArray());
        }
        return out;
    }

    /** Overwrites every parameter's value from {@code values} (keyed and laid out as {@link #parameterValues()}). */
    public void setParameterValues(Map<String, double[]> values) {
        for (Parameter p : parameters) {
            double[] v = values.get(p.name());
            if (v == null || v.length != p.value().size()) {
                throw new IllegalArgumentException("no values of the right size for parameter " + p.name());
            }
            for (int i = 0; i < v.length; i++) {
                p.value().set(i, v[i]);
            }
        }
    }

    public Parameter parameter(String name) {
        return parameters().stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no parameter " + name));
    }

    /** Tells every layer which training iteration the next forward pass belongs to (it selects dropout masks). */
    public void setIteration(int iteration) {
        for (int i = 0; i < layers.size(); i++) {
            layers.get(i).setIteration(iteration);
        }
    }

    /** Training mode (the default: dropout applied) or inference mode (no dropout) for every layer. */
    public void setTraining(boolean training) {
        for (int i = 0; i < layers.size(); i++) {
            layers.get(i).setTraining(training);
        }
    }

    /** Runs x [B,nIn] through every layer, each caching what its backward pass needs; returns the output [B,nOut]. */
    public Matrix forward(Matrix x) {
        Matrix a = x;
        for (int i = 0; i < layers.size(); i++) {
            a = layers.get(i).forward(a);
        }
        return a;
    }

    /** The batch-mean loss of the output of the last {@link #forward} against labels [B,nOut]. */
    public double score(Matrix labels) {
        DenseLayer out = outputLayer();
        return loss.score(out.output(), labels, out.activation());
    }

    /**
     * Backpropagation after {@link #forward}: δ_L = dL/dz from the loss, then each layer from its output's gradient
     * to its input's (for a dense layer δ_l = (δ_{l+1}·W_{l+1}ᵀ) ⊙ f'(z_l)). Overwrites every parameter's gradient.
     */
    public void backward(Matrix labels) {
        DenseLayer out = outputLayer();
        Matrix delta = outputDelta.get(labels.rows())[0];
        loss.gradient(out.preActivation(), out.output(), labels, out.activation(), delta);
        // the first layer's dL/dx (the gradient of the data) is needed by no one: not computed
        Matrix dLda = out.backwardFromPreActivation(delta, layers.size() > 1);
        for (int i = layers.size() - 2; i >= 0; i--) {
            dLda = layers.get(i).backward(dLda, i > 0);
        }
    }

    /** The last layer, dense: the one the loss is applied to. */
    public DenseLayer outputLayer() {
        return (DenseLayer) layers.get(layers.size() - 1);
    }
}
