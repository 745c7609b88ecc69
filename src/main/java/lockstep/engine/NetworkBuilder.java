package lockstep.engine;

import java.util.ArrayList;
import java.util.List;
import lockstep.engine.init.InitialDraw;
import lockstep.engine.layers.DenseLayer;
import lockstep.engine.layers.Layer;
import lockstep.engine.layers.SubsamplingLayer;
import lockstep.linalg.DType;
import lockstep.rand.Dl4jInit;
import lockstep.spec.LayerInput;
import lockstep.spec.LayerSpec;
import lockstep.spec.NetworkSpec;
import lockstep.spec.ParameterKey;

/**
 * Builds a {@link Network} from its spec: its parameters in one {@link ParameterBlock} laid out as the spec's
 * {@code ParameterLayout}, each layer given its views, with the initial parameters and dropout masks DL4J draws from
 * the same seed ({@link InitialDraw}).
 */
public final class NetworkBuilder {
    private NetworkBuilder() {
    }

    public static Network build(NetworkSpec spec, DType dtype, long seed, EngineComponents components) {
        InitialDraw draw = components.initialDraw(spec, dtype, seed);
        ParameterBlock block = new ParameterBlock(spec.parameterLayout(), dtype);
        List<LayerInput> inputs = LayerInput.of(spec);
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i < spec.layers().size(); i++) {
            LayerSpec l = spec.layers().get(i);
            LayerInput in = inputs.get(i);
            Dl4jInit.Parameters initial = draw.parameters().get(i);
            layers.add(switch (l.type()) {
                case DENSE -> {
                    DenseLayer layer = components.denseLayer(block.initialised(ParameterKey.weights(i), initial.w()),   // [nIn,nOut]
                            block.initialised(ParameterKey.bias(i), initial.b()), components.activation(l.activation()));  // [1,nOut]
                    if (l.dropout() != null) {
                        layer.setDropout(components.inputDropout(l.dropout()), draw.masks());
                    }
                    yield layer;
                }
                case CONVOLUTION -> {
                    yield components.convolutionLayer(block.initialised(ParameterKey.weights(i), initial.w()),   // [Cout,C·kh·kw]
                            block.initialised(ParameterKey.bias(i), initial.b()),                                    // [1,Cout]
                            l.window().over(in.channels(), in.height(), in.width()), components.activation(l.activation()));
                }
                case SUBSAMPLING -> components.subsamplingLayer(i, l.window().over(in.channels(), in.height(), in.width()),
                        SubsamplingLayer.Pooling.valueOf(l.window().pooling().name()), dtype);
                case BATCH_NORMALIZATION -> {
                    List<Parameter> bn = block.batchNormalisation(i);                 // γ, β, mean, log10 σ
                    yield components.batchNormLayer(bn.get(0), bn.get(1), bn.get(2), bn.get(3), in.positions());
                }
            });
        }
        return new Network(layers, components.loss(spec.loss()), block);
    }
}
