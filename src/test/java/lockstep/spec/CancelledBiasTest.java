package lockstep.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Which biases batch normalisation cancels: those of a dense or convolution layer with the identity activation whose
 * output reaches it through pooling and identity layers that carry a uniform shift. A nonlinearity in between, a
 * convolution whose windows cover padding, dropout, or no batch normalisation keeps a bias alive.
 */
class CancelledBiasTest {
    private static final WindowSpec CONV = new WindowSpec(3, 3, 1, 1, 0, 0, WindowSpec.Mode.TRUNCATE, null);
    private static final WindowSpec POOL = new WindowSpec(2, 2, 2, 2, 0, 0, WindowSpec.Mode.TRUNCATE, WindowSpec.Pooling.AVG);

    private static Set<String> cancelled(LayerSpec... layers) {
        return new NetworkSpec(List.of(layers), LossType.MCXENT, WeightInit.XAVIER, new UpdaterSpec(UpdaterType.SGD, 0.1))
                .withInput(new InputShape(8, 8, 1)).biasesCancelledByBatchNorm();
    }

    @Test
    void onlyAnIdentityLayerBeforeBatchNormThroughPoolingAtMostLosesItsBias() {
        LayerSpec out = new LayerSpec(4, 3, ActivationType.SOFTMAX);
        assertEquals(Set.of("0_b", "3_b"), cancelled(LayerSpec.convolution(1, 2, ActivationType.IDENTITY, CONV),
                LayerSpec.subsampling(2, POOL), LayerSpec.batchNormalization(2), new LayerSpec(18, 4, ActivationType.IDENTITY),
                LayerSpec.batchNormalization(4), out));
        assertEquals(Set.of(), cancelled(LayerSpec.convolution(1, 2, ActivationType.RELU, CONV),
                LayerSpec.batchNormalization(2), new LayerSpec(72, 4, ActivationType.TANH), out), "a nonlinearity first");
        assertEquals(Set.of(), cancelled(LayerSpec.convolution(1, 2, ActivationType.IDENTITY, CONV),
                new LayerSpec(72, 4, ActivationType.IDENTITY), out), "no batch normalisation");
    }

    /**
     * A shift passes on through identity dense layers and unpadded identity convolutions (found by the random networks:
     * conv, average pooling, dense 1-1 identity, batch norm, where the conv bias's noise-level gradient took Adam steps).
     */
    @Test
    void aShiftPassesThroughIdentityLayersThatAddTheSameToEveryPosition() {
        LayerSpec out = new LayerSpec(4, 3, ActivationType.SOFTMAX);
        assertEquals(Set.of("0_b", "2_b"), cancelled(LayerSpec.convolution(1, 2, ActivationType.IDENTITY, CONV),
                LayerSpec.subsampling(2, POOL), new LayerSpec(18, 4, ActivationType.IDENTITY), LayerSpec.batchNormalization(4), out));
        WindowSpec padded = new WindowSpec(3, 3, 1, 1, 1, 1, WindowSpec.Mode.TRUNCATE, null);
        assertEquals(Set.of("1_b"), cancelled(LayerSpec.convolution(1, 2, ActivationType.IDENTITY, CONV),
                LayerSpec.convolution(2, 2, ActivationType.IDENTITY, padded), LayerSpec.batchNormalization(2),
                new LayerSpec(72, 3, ActivationType.SOFTMAX)), "the padded convolution's border stops the first shift");
        WindowSpec sameAfter = new WindowSpec(2, 2, 1, 1, 0, 0, WindowSpec.Mode.SAME, null);   // 1 row and column after
        assertEquals(Set.of("1_b"), cancelled(LayerSpec.convolution(1, 2, ActivationType.IDENTITY, CONV),
                LayerSpec.convolution(2, 2, ActivationType.IDENTITY, sameAfter), LayerSpec.batchNormalization(2),
                new LayerSpec(72, 3, ActivationType.SOFTMAX)), "Same's padding after the input stops the shift too");
        assertEquals(Set.of("0_b", "1_b"), cancelled(LayerSpec.convolution(1, 2, ActivationType.IDENTITY, CONV),
                LayerSpec.convolution(2, 2, ActivationType.IDENTITY, CONV), LayerSpec.batchNormalization(2),
                new LayerSpec(32, 3, ActivationType.SOFTMAX)), "unpadded: both shifts reach batch normalisation");
        assertEquals(Set.of(), cancelled(LayerSpec.convolution(1, 2, ActivationType.IDENTITY, CONV),
                LayerSpec.convolution(2, 2, ActivationType.RELU, CONV), LayerSpec.batchNormalization(2),
                new LayerSpec(32, 3, ActivationType.SOFTMAX)), "a nonlinear convolution in between");
        assertEquals(Set.of(), cancelled(LayerSpec.convolution(1, 2, ActivationType.IDENTITY, CONV),
                LayerSpec.subsampling(2, POOL), new LayerSpec(18, 4, ActivationType.TANH), LayerSpec.batchNormalization(4), out),
                "a nonlinear dense layer in between");
        assertEquals(Set.of("2_b"), cancelled(LayerSpec.convolution(1, 2, ActivationType.IDENTITY, CONV),
                LayerSpec.subsampling(2, POOL), new LayerSpec(18, 4, ActivationType.IDENTITY).withDropout(new DropoutSpec.Dropout(0.5)),
                LayerSpec.batchNormalization(4), out), "dropout on the dense layer's input stops the conv's shift");
    }
}
