package lockstep.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import lockstep.data.Batch;
import lockstep.data.Datasets;
import lockstep.engine.activations.Activation;
import lockstep.engine.layers.DenseLayer;
import lockstep.linalg.DType;
import lockstep.linalg.Matrix;
import lockstep.spec.ActivationType;
import lockstep.spec.LayerSpec;
import lockstep.spec.LossType;
import lockstep.spec.NetworkSpec;
import lockstep.spec.UpdaterSpec;
import lockstep.spec.UpdaterType;
import lockstep.spec.WeightInit;
import org.junit.jupiter.api.Test;

/**
 * The backward pass computes dL/dx for every layer but the first (nothing needs the gradient of the
 * data: one matrix product a step saved), and the parameter gradients do not change for it.
 */
class FirstLayerInputGradientTest {
    private static final NetworkSpec NET = new NetworkSpec(List.of(new LayerSpec(4, 6, ActivationType.TANH),
            new LayerSpec(6, 5, ActivationType.RELU), new LayerSpec(5, 3, ActivationType.SOFTMAX)), LossType.MCXENT,
            WeightInit.XAVIER_UNIFORM, new UpdaterSpec(UpdaterType.SGD, 0.1));

    /** Records which layers computed dL/dx. */
    private static final class Counting extends EngineComponents {
        final List<Integer> inputGradients = new ArrayList<>();

        @Override
        public DenseLayer denseLayer(Parameter weights, Parameter bias, Activation activation) {
            return new DenseLayer(weights, bias, activation, matMul()) {
                @Override
                protected Matrix inputGradient(Matrix delta, Matrix w) {
                    inputGradients.add(index());
                    return super.inputGradient(delta, w);
                }
            };
        }
    }

    @Test
    void onlyLayersAfterTheFirstComputeTheirInputGradient() {
        Counting counting = new Counting();
        Network net = NetworkBuilder.build(NET, DType.DOUBLE, 3, counting);
        Batch batch = Datasets.iris().batch(new int[] {0, 50, 100, 7}, DType.DOUBLE);
        net.forward(batch.features());
        net.backward(batch.labels());
        assertEquals(List.of(2, 1), counting.inputGradients, "layer 2 then layer 1; never layer 0");
    }

    @Test
    void theParameterGradientsAreThoseOfAFullBackwardPass() {
        Batch batch = Datasets.iris().batch(new int[] {3, 60, 120, 9, 77}, DType.DOUBLE);
        Network net = NetworkBuilder.build(NET, DType.DOUBLE, 3, new EngineComponents());
        net.forward(batch.features());
        net.backward(batch.labels());
        // by hand, every layer's full backward, the first layer's dL/dx included
        Network full = NetworkBuilder.build(NET, DType.DOUBLE, 3, new EngineComponents());
        full.forward(batch.features());
        full.backward(batch.labels());
        List<DenseLayer> layers = full.layers().stream().map(DenseLayer.class::cast).toList();
        Matrix delta = layers.get(2).preActivation().like(batch.size(), 3);
        full.loss().gradient(layers.get(2).preActivation(), layers.get(2).output(), batch.labels(),
                layers.get(2).activation(), delta);
        Matrix d = layers.get(2).backwardFromPreActivation(delta, true);
        d = layers.get(1).backward(d, true);
        Matrix dx = layers.get(0).backward(d, true);
        assertEquals(batch.size() * 4, dx.size(), "the first layer can still give dL/dx when asked");
        for (int i = 0; i < net.parameters().size(); i++) {
            assertEquals(java.util.Arrays.toString(full.parameters().get(i).gradient().toDoubleArray()),
                    java.util.Arrays.toString(net.parameters().get(i).gradient().toDoubleArray()),
                    net.parameters().get(i).name());
        }
    }
}
