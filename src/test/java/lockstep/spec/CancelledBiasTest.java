package lockstep.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Which biases batch normalisation cancels: those of a dense or convolution layer with the identity activation whose
 * output reaches it through pooling only. A nonlinearity in between, or no batch normalisation, keeps a bias alive.
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
}
