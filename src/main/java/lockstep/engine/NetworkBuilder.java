package lockstep.engine;

import java.util.ArrayList;
import java.util.List;
import lockstep.engine.init.WeightInitializer;
import lockstep.engine.layers.DenseLayer;
import lockstep.linalg.DType;
import lockstep.spec.LayerSpec;
import lockstep.spec.NetworkSpec;

/** Builds a {@link Network} from its spec and initialises its weights from the seed (biases 0). */
public final class NetworkBuilder {
    private NetworkBuilder() {
    }

    public static Network build(NetworkSpec spec, DType dtype, long seed, EngineComponents components) {
        List<DenseLayer> layers = new ArrayList<>();
        for (int i = 0; i < spec.layers().size(); i++) {
            LayerSpec l = spec.layers().get(i);
            DenseLayer layer = components.denseLayer(i, l.nIn(), l.nOut(), components.activation(l.activation()), dtype);
            WeightInitializer.initialize(layer.weights().value(), spec.weightInitOf(i), seed, i);
            if (l.dropout() != null) {
                layer.setDropout(l.dropout(), seed);
            }
            layers.add(layer);
        }
        return new Network(layers, components.loss(spec.loss()));
    }
}
