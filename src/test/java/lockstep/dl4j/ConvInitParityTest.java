package lockstep.dl4j;

import static lockstep.dl4j.LayerParity.values;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import lockstep.linalg.DType;
import lockstep.rand.Dl4jInit;
import lockstep.spec.LayerType;
import lockstep.spec.WeightInit;
import lockstep.spec.WindowSpec;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * DL4J's initial parameters of a convolutional network, reproduced from the seed alone by {@link Dl4jInit}: every
 * convolution's W (fan-in C·kh·kw, fan-out Cout·kh·kw/(sh·sw), read in c order) and b, the dense layers after them
 * (the generator goes on where the convolutions left it), bit for bit, per weight scheme and data type. Pooling and
 * batch normalisation draw nothing.
 */
class ConvInitParityTest {
    private static final WindowSpec CONV3 = new WindowSpec(3, 3, 1, 1, 0, 0, WindowSpec.Mode.TRUNCATE, null);
    private static final WindowSpec CONV2_S2_SAME = new WindowSpec(2, 2, 2, 2, 0, 0, WindowSpec.Mode.SAME, null);

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        WeightInit[] schemes = {WeightInit.XAVIER, WeightInit.RELU, WeightInit.XAVIER_UNIFORM, WeightInit.LECUN_NORMAL,
            WeightInit.VAR_SCALING_NORMAL_FAN_OUT, WeightInit.XAVIER_LEGACY};
        for (DType dtype : DType.values()) {
            for (WeightInit w : schemes) {
                out.add(Arguments.of(dtype, w, 7L + w.ordinal()));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} seed {2}")
    @MethodSource("cases")
    void convolutionalNetworksStartFromDl4jsOwnDraw(DType dtype, WeightInit scheme, long seed) {
        Nd4jRuntime.init();
        DataType type = dtype == DType.DOUBLE ? DataType.DOUBLE : DataType.FLOAT;
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(seed).dataType(type)
                .weightInit(Dl4jNetworks.weightInit(scheme)).list()
                .layer(new ConvolutionLayer.Builder(3, 3).stride(1, 1).nOut(4).activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new ConvolutionLayer.Builder(2, 2).stride(2, 2).convolutionMode(ConvolutionMode.Same).nOut(5)
                        .activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nOut(6).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(3).activation(Activation.IDENTITY).build())
                .setInputType(InputType.convolutionalFlat(10, 10, 2)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();

        List<Dl4jInit.Layer> layers = List.of(
                new Dl4jInit.Layer(2, 4, scheme, 0.0, LayerType.CONVOLUTION, CONV3),
                new Dl4jInit.Layer(4, 4, scheme, 0.0, LayerType.BATCH_NORMALIZATION, null),
                new Dl4jInit.Layer(4, 4, scheme, 0.0, LayerType.SUBSAMPLING, null),
                new Dl4jInit.Layer(4, 5, scheme, 0.0, LayerType.CONVOLUTION, CONV2_S2_SAME),
                new Dl4jInit.Layer(5 * 2 * 2, 6, scheme, 0.0),
                new Dl4jInit.Layer(6, 3, scheme, 0.0));
        List<Dl4jInit.Parameters> mine = Dl4jInit.best().draw(seed, layers, dtype);
        for (int k : new int[] {0, 3}) {                 // convolutions: W [Cout, C, kh, kw] in c order
            bitForBit(values(net.getParam(k + "_W").dup('c')), mine.get(k).w(), k + "_W");
            bitForBit(values(net.getParam(k + "_b")), mine.get(k).b(), k + "_b");
        }
        for (int k : new int[] {4, 5}) {                 // dense: W [nIn, nOut], the engine's row-major
            bitForBit(values(net.getParam(k + "_W").dup('c')), mine.get(k).w(), k + "_W");
        }
        assertEquals(0, mine.get(1).w().length + mine.get(2).w().length, "batch norm and pooling draw nothing");
    }

    private static void bitForBit(double[] dl4j, double[] mine, String what) {
        assertEquals(dl4j.length, mine.length, what);
        for (int i = 0; i < dl4j.length; i++) {
            if (Double.doubleToRawLongBits(dl4j[i]) != Double.doubleToRawLongBits(mine[i])) {
                throw new AssertionError(what + "[" + i + "]: DL4J " + dl4j[i] + ", lockstep " + mine[i]);
            }
        }
    }
}
