package lockstep.engine.autograd;

import java.util.ArrayList;
import java.util.List;
import lockstep.engine.EngineComponents;
import lockstep.engine.Parameter;
import lockstep.engine.ParameterBlock;
import lockstep.engine.init.InitialDraw;
import lockstep.engine.layers.SubsamplingLayer;
import lockstep.linalg.DType;
import lockstep.rand.Dl4jInit;
import lockstep.spec.LayerInput;
import lockstep.spec.LayerSpec;
import lockstep.spec.NetworkSpec;
import lockstep.spec.ParameterKey;

/**
 * Modules applied in order, PyTorch's nn.Sequential. {@link #from} builds the model of a {@link NetworkSpec}: per
 * dense layer i a {@link Dropout} on its input when the layer has dropout, a {@link Linear} ("i_W" [nIn,nOut],
 * "i_b" [1,nOut]) and an {@link ActivationModule}; per convolution a {@link Conv2d} and an activation; per
 * subsampling layer a {@link MaxPool2d} or {@link AvgPool2d}; per batch normalisation a {@link BatchNorm}. The initial
 * parameters and dropout masks are the engine's {@link InitialDraw} (DL4J's from the same seed), as the matrix
 * engine's NetworkBuilder, so that both start from the same weights and drop the same activations.
 */
public final class Sequential implements Module {
    private final List<Module> modules;

    public Sequential(List<Module> modules) {
        this.modules = List.copyOf(modules);
    }

    /** The spec's network with the standard engine components. */
    public static Sequential from(NetworkSpec spec, DType dtype, long seed) {
        return from(spec, dtype, seed, new EngineComponents());
    }

    /**
     * The spec's network with the activations and matrix kernel of {@code components}; parameters drawn from seed.
     * Per layer: dense {@code [Dropout] Linear activation}, convolution {@code Conv2d activation}, subsampling
     * {@code MaxPool2d} or {@code AvgPool2d}, batch normalisation {@code BatchNorm}.
     */
    public static Sequential from(NetworkSpec spec, DType dtype, long seed, EngineComponents components) {
        InitialDraw draw = components.initialDraw(spec, dtype, seed);
        ParameterBlock block = new ParameterBlock(spec.parameterLayout(), dtype);
        List<LayerInput> inputs = LayerInput.of(spec);
        List<Module> modules = new ArrayList<>();
        for (int i = 0; i < spec.layers().size(); i++) {
            LayerSpec l = spec.layers().get(i);
            LayerInput in = inputs.get(i);
            Dl4jInit.Parameters initial = draw.parameters().get(i);
            switch (l.type()) {
                case DENSE -> {
                    if (l.dropout() != null) {
                        // on the layer's input, as DL4J applies it
                        modules.add(new Dropout(components.inputDropout(l.dropout()), i, draw.masks()));
                    }
                    modules.add(new Linear(block.initialised(ParameterKey.weights(i), initial.w()),    // [nIn,nOut]
                            block.initialised(ParameterKey.bias(i), initial.b()), components.matMul()));  // [1,nOut]
                    modules.add(new ActivationModule(components.activation(l.activation())));
                }
                case CONVOLUTION -> {
                    modules.add(components.conv2d(block.initialised(ParameterKey.weights(i), initial.w()),    // [Cout,C·kh·kw]
                            block.initialised(ParameterKey.bias(i), initial.b()),                                // [1,Cout]
                            l.window().over(in.channels(), in.height(), in.width())));
                    modules.add(new ActivationModule(components.activation(l.activation())));
                }
                case SUBSAMPLING -> modules.add(components.pool2d(l.window().over(in.channels(), in.height(), in.width()),
                        SubsamplingLayer.Pooling.valueOf(l.window().pooling().name())));
                case BATCH_NORMALIZATION -> {
                    List<Parameter> bn = block.batchNormalisation(i);                 // γ, β, mean, log10 σ
                    modules.add(components.batchNorm(bn.get(0), bn.get(1), bn.get(2), bn.get(3), in.positions()));
                }
            }
        }
        return new Sequential(modules);
    }

    public List<Module> modules() {
        return modules;
    }

    /**
     * Training mode (the default: dropout on, batch statistics) or evaluation mode (dropout off, running statistics),
     * PyTorch's model.train(b).
     */
    @Override
    public void train(boolean training) {
        for (Module m : modules) {
            m.train(training);
        }
    }

    /** The training iteration whose dropout masks the next forward pass uses (no effect without dropout). */
    public void setIteration(int iteration) {
        for (Module m : modules) {
            if (m instanceof Dropout d) {
                d.setIteration(iteration);
            }
        }
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor t = x;
        for (Module m : modules) {
            t = m.forward(t);
        }
        return t;
    }

    /** Every parameter in DL4J's order: 0_W, 0_b, 1_W, 1_b, ... (a convolution's b before its W). */
    @Override
    public List<Parameter> parameters() {
        List<Parameter> out = new ArrayList<>();
        for (Module m : modules) {
            out.addAll(m.parameters());
        }
        return out;
    }

    public Parameter parameter(String name) {
        return parameters().stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no parameter " + name));
    }
}
