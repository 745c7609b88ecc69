package lockstep.engine;

import java.util.ArrayList;
import java.util.List;
import lockstep.engine.init.InitialDraw;
import lockstep.engine.layers.DenseLayer;
import lockstep.linalg.DType;
import lockstep.linalg.Matrix;
import lockstep.rand.Dl4jInit;
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
        List<DenseLayer> layers = new ArrayList<>();
        for (int i = 0; i < spec.layers().size(); i++) {
            LayerSpec l = spec.layers().get(i);
            DenseLayer layer = components.denseLayer(block.parameter(ParameterKey.weights(i)),
                    block.parameter(ParameterKey.bias(i)), components.activation(l.activation()));
            Dl4jInit.Parameters initial = draw.parameters().get(i);
            layer.weights().value().copyFrom(Matrix.of(dtype, l.nIn(), l.nOut(), initial.w()));   // [nIn,nOut]
            layer.bias().value().copyFrom(Matrix.of(dtype, 1, l.nOut(), initial.b()));           // [1,nOut]
            if (l.dropout() != null) {
                layer.setDropout(components.inputDropout(l.dropout()), draw.masks());
            }
            layers.add(layer);
        }
        return new Network(layers, components.loss(spec.loss()), block);
    }
}
