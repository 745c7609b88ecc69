package lockstep.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import lockstep.LockstepException;
import lockstep.spec.ActivationType;
import lockstep.spec.InputShape;
import lockstep.spec.LayerInput;
import lockstep.spec.LayerSpec;
import lockstep.spec.LossType;
import lockstep.spec.NetworkSpec;
import lockstep.spec.ParameterLayout;
import lockstep.spec.UpdaterSpec;
import lockstep.spec.UpdaterType;
import lockstep.spec.WeightInit;
import lockstep.spec.WindowSpec;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A convolutional spec's shapes and parameter layout are DL4J's own: LeNet's layers (smaller) with a batch
 * normalisation after a convolution and one after a dense layer, fed as convolutionalFlat. DL4J infers every nIn from
 * the input type; the spec's shape walk must give the same inputs, and the spec's layout DL4J's keys, order (a
 * convolution's bias first), shapes and offsets in its flat parameter vector.
 */
class ConvLayoutParityTest {
    private static final WindowSpec CONV5 = new WindowSpec(5, 5, 1, 1, 0, 0, WindowSpec.Mode.TRUNCATE, null);
    private static final WindowSpec POOL2 = new WindowSpec(2, 2, 2, 2, 0, 0, WindowSpec.Mode.TRUNCATE, WindowSpec.Pooling.MAX);
    private static final WindowSpec CONV3_SAME = new WindowSpec(3, 3, 2, 2, 0, 0, WindowSpec.Mode.SAME, null);

    /** 1x20x20 -> conv 5x5 (6) -> BN -> max 2x2/2 -> conv 3x3/2 same (8) -> dense 30 -> BN -> softmax 10. */
    private static NetworkSpec spec() {
        return new NetworkSpec(List.of(
                LayerSpec.convolution(1, 6, ActivationType.IDENTITY, CONV5),
                LayerSpec.batchNormalization(6),
                LayerSpec.subsampling(6, POOL2),
                LayerSpec.convolution(6, 8, ActivationType.RELU, CONV3_SAME),
                new LayerSpec(8 * 4 * 4, 30, ActivationType.RELU),
                LayerSpec.batchNormalization(30),
                new LayerSpec(30, 10, ActivationType.SOFTMAX)),
                LossType.MCXENT, WeightInit.XAVIER, new UpdaterSpec(UpdaterType.SGD, 0.1)).withInput(new InputShape(20, 20, 1));
    }

    private static MultiLayerNetwork dl4j() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).list()
                .layer(new ConvolutionLayer.Builder(5, 5).stride(1, 1).nOut(6).activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new ConvolutionLayer.Builder(3, 3).stride(2, 2).convolutionMode(ConvolutionMode.Same).nOut(8)
                        .activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nOut(30).activation(Activation.RELU).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutionalFlat(20, 20, 1)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    @Test
    void theShapeWalkGivesEachLayerTheInputDl4jInfers() {
        MultiLayerNetwork net = dl4j();
        List<LayerInput> inputs = LayerInput.of(spec());
        for (int i = 0; i < inputs.size(); i++) {
            org.deeplearning4j.nn.conf.layers.Layer layer = net.getLayerWiseConfigurations().getConf(i).getLayer();
            if (layer instanceof FeedForwardLayer f) {
                assertEquals(f.getNIn(), inputs.get(i).isImage() && !(layer instanceof DenseLayer) && !(layer instanceof OutputLayer)
                        ? inputs.get(i).channels() : inputs.get(i).size(), "layer " + i + "'s nIn");
            }
        }
        assertEquals("8x4x4", inputs.get(4).describe(), "ceil(8/2) = 4 after the Same convolution");
        assertEquals(128, ((FeedForwardLayer) net.getLayerWiseConfigurations().getConf(4).getLayer()).getNIn());
    }

    @Test
    void theLayoutIsDl4jsKeysOrderShapesAndOffsets() {
        MultiLayerNetwork net = dl4j();
        ParameterLayout layout = spec().parameterLayout();
        Map<String, INDArray> table = net.paramTable();
        assertEquals(List.copyOf(table.keySet()), List.copyOf(layout.shapes().keySet()), "keys in DL4J's order");
        assertEquals(net.numParams(), layout.size());
        table.forEach((key, array) -> {
            long[] s = array.shape();
            int[] expected = layout.shapes().get(key);
            if (expected.length == 1) {
                assertEquals(expected[0], array.length(), key);      // DL4J keeps vectors as [1, n]
            } else {
                assertArrayEquals(expected, java.util.Arrays.stream(s).mapToInt(v -> (int) v).toArray(), key);
            }
        });
        // the offsets: with the flat vector set to 0, 1, 2, ..., each parameter's element [0, ...] is its offset
        net.setParams(org.nd4j.linalg.factory.Nd4j.arange(net.numParams()).castTo(net.params().dataType()).reshape(1, -1));
        net.paramTable().forEach((key, array) -> assertEquals(layout.offset(key), array.getDouble(new long[array.rank()]), 0.0,
                key + " starts at its offset"));
        assertEquals("0_b", layout.keys().get(0).name(), "a convolution's bias comes first");
    }

    @Test
    void aSpecThatDoesNotFitIsRefusedNamingTheLayer() {
        NetworkSpec good = spec();
        List<LayerSpec> layers = new java.util.ArrayList<>(good.layers());
        layers.set(4, new LayerSpec(100, 30, ActivationType.RELU));
        LockstepException e = assertThrows(LockstepException.class, () -> LayerInput.of(good.withLayers(layers)));
        assertEquals("network.layers[4] (dense): nIn=100 but the previous layer gives 8x4x4 = 128", e.getMessage());
        LockstepException noImages = assertThrows(LockstepException.class, () -> LayerInput.of(good.withInput(null)));
        assertTrue(noImages.getMessage().startsWith("network.layers[0] (convolution) needs images"), noImages.getMessage());
    }
}
