package lockstep.dl4j;

import java.util.List;
import lockstep.linalg.DType;
import lockstep.spec.ActivationType;
import lockstep.spec.LayerSpec;
import lockstep.spec.LossType;
import lockstep.spec.NetworkSpec;
import lockstep.spec.UpdaterSpec;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/** Translates a {@link NetworkSpec} into the equivalent DL4J MultiLayerNetwork: DenseLayers, then an OutputLayer with the loss. */
public final class Dl4jNetworks {
    private Dl4jNetworks() {
    }

    /** The configured and initialised network (DL4J draws its own initial weights; the harness overwrites them). */
    public static MultiLayerNetwork build(NetworkSpec spec, DType dtype, long seed) {
        MultiLayerNetwork net = new MultiLayerNetwork(configuration(spec, dtype, seed));
        net.init();
        return net;
    }

    public static MultiLayerConfiguration configuration(NetworkSpec spec, DType dtype, long seed) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(dataType(dtype))
                .updater(updater(spec.updater()))
                .weightInit(weightInit(spec.weightInit()))
                .list()
                // DL4J refuses some loss/activation pairs it considers mistakes (SIGMOID + MCXENT, SOFTMAX + XENT,
                // MCXENT/XENT with an output outside [0,1]); lockstep's SpecValidator decides what runs instead.
                .validateOutputLayerConfig(false);
        List<LayerSpec> layers = spec.layers();
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec l = layers.get(i);
            boolean output = i == layers.size() - 1;
            var builder = output
                    ? new OutputLayer.Builder(lossFunction(spec.loss()))
                    : new DenseLayer.Builder();
            builder.nIn(l.nIn()).nOut(l.nOut()).activation(activation(l.activation()));
            if (l.weightInit() != null) {
                builder.weightInit(weightInit(l.weightInit()));
            }
            list.layer(i, builder.build());
        }
        return list.build();
    }

    public static DataType dataType(DType dtype) {
        return dtype == DType.DOUBLE ? DataType.DOUBLE : DataType.FLOAT;
    }

    static Activation activation(ActivationType type) {
        return Activation.valueOf(type.name());
    }

    static LossFunction lossFunction(LossType type) {
        return LossFunction.valueOf(type.name());
    }

    static WeightInit weightInit(lockstep.spec.WeightInit init) {
        return WeightInit.valueOf(init.name());
    }

    static IUpdater updater(UpdaterSpec spec) {
        return switch (spec.type()) {
            case SGD -> new Sgd(spec.learningRate());
        };
    }
}
