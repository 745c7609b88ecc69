package lockstep.engine.autograd;

import java.util.ArrayList;
import java.util.List;
import lockstep.engine.EngineComponents;
import lockstep.engine.Parameter;
import lockstep.engine.ParameterBlock;
import lockstep.engine.init.InitialDraw;
import lockstep.linalg.DType;
import lockstep.linalg.Matrix;
import lockstep.spec.LayerSpec;
import lockstep.spec.NetworkSpec;
import lockstep.spec.ParameterKey;

/**
 * Modules applied in order, PyTorch's nn.Sequential. {@link #from} builds the model of a
 * {@link NetworkSpec}: per layer i a {@link Dropout} on its input when the layer has dropout, a
 * {@link Linear} ("i_W" [nIn,nOut], "i_b" [1,nOut]) and an {@link ActivationModule}, with the initial parameters
 * and dropout masks of the engine's {@link InitialDraw} (DL4J's from the same seed), as the matrix engine's
 * NetworkBuilder, so that both start from the same weights and drop the same activations.
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

    /** The spec's network with the activations and matrix kernel of {@code components}; W and b drawn from seed. */
    public static Sequential from(NetworkSpec spec, DType dtype, long seed, EngineComponents components) {
        if (!spec.isDenseOnly()) {
            throw new lockstep.UnsupportedSpec("the autograd engine has Linear, activation and dropout modules only: no"
                    + " convolution, pooling or batch normalisation yet (issue 15); use --engine matrix");
        }
        InitialDraw draw = components.initialDraw(spec, dtype, seed);
        ParameterBlock block = new ParameterBlock(spec.parameterLayout(), dtype);
        List<Module> modules = new ArrayList<>();
        for (int i = 0; i < spec.layers().size(); i++) {
            LayerSpec l = spec.layers().get(i);
            if (l.dropout() != null) {
                // on the layer's input, as DL4J applies it
                modules.add(new Dropout(components.inputDropout(l.dropout()), i, draw.masks()));
            }
            Linear linear = new Linear(block.parameter(ParameterKey.weights(i)), block.parameter(ParameterKey.bias(i)),
                    components.matMul());
            linear.weight().data().copyFrom(Matrix.of(dtype, l.nIn(), l.nOut(), draw.parameters().get(i).w()));  // [nIn,nOut]
            linear.bias().data().copyFrom(Matrix.of(dtype, 1, l.nOut(), draw.parameters().get(i).b()));         // [1,nOut]
            modules.add(linear);
            modules.add(new ActivationModule(components.activation(l.activation())));
        }
        return new Sequential(modules);
    }

    public List<Module> modules() {
        return modules;
    }

    /** Training mode (the default: dropout on) or evaluation mode (dropout off), PyTorch's model.train(b). */
    public void train(boolean training) {
        for (Module m : modules) {
            if (m instanceof Dropout d) {
                d.train(training);
            }
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

    /** Every parameter in DL4J's order: 0_W, 0_b, 1_W, 1_b, ... */
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
