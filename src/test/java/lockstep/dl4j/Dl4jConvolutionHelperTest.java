package lockstep.dl4j;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.junit.jupiter.api.Test;

/**
 * Which convolution DL4J 1.0.0-M2.1 runs here: its built-in im2col + gemm path, the only one a DL4J user's
 * ConvolutionLayer can run, and the one the benchmarks time. The libnd4j of nd4j-native's linux-x86_64 classifier (the
 * project's) is built without oneDNN; and DL4J's layer-level oneDNN helper cannot be switched on: with helper creation
 * enabled ({@code org.eclipse.deeplearning4j.helpers.disable=false}) the layer still has none. (With the separate
 * linux-x86_64-onednn classifier, whose build does have oneDNN, the same happens: {@code MKLDNNConvHelper}'s support
 * check looks up {@code org.nd4j.nativeblas.Nd4jCpu$Environment}, a class M2.1 no longer has; see docs/convolution.md.)
 */
class Dl4jConvolutionHelperTest {
    private static final String HELPERS_DISABLED = "org.eclipse.deeplearning4j.helpers.disable";

    @Test
    void theLinuxX8664Libnd4jHasOpenBlasButNoOneDnn() {
        Nd4jRuntime.init();
        String info = NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo();
        assertTrue(info.contains("HAVE_OPENBLAS"), info);
        assertFalse(info.contains("HAVE_ONEDNN"), info);
    }

    @Test
    void theConvolutionLayerHasNoHelperEvenWithHelpersEnabled() {
        Nd4jRuntime.init();
        String before = System.getProperty(HELPERS_DISABLED);
        System.setProperty(HELPERS_DISABLED, "false");
        try {
            MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1).dataType(DataType.FLOAT)
                    .list()
                    .layer(new ConvolutionLayer.Builder(5, 5).nOut(8).activation(Activation.IDENTITY).build())
                    .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10).activation(Activation.SOFTMAX).build())
                    .setInputType(InputType.convolutional(12, 12, 4)).build());
            net.init();
            assertNull(((org.deeplearning4j.nn.layers.convolution.ConvolutionLayer) net.getLayer(0)).getHelper(),
                    "DL4J created and kept a oneDNN helper: its built-in path is no longer the only one");
        } finally {
            if (before == null) {
                System.clearProperty(HELPERS_DISABLED);
            } else {
                System.setProperty(HELPERS_DISABLED, before);
            }
        }
    }
}
