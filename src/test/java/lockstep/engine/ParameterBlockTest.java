package lockstep.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import lockstep.data.Batch;
import lockstep.data.Datasets;
import lockstep.engine.train.MiniBatchStep;
import lockstep.linalg.DType;
import lockstep.linalg.Matrix;
import lockstep.spec.ActivationType;
import lockstep.spec.LayerSpec;
import lockstep.spec.NetworkSpec;
import lockstep.spec.ParameterKey;
import lockstep.spec.ParameterLayout;
import lockstep.spec.RunSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The engine holds a network's parameters, gradients and updates in three flat blocks laid out as the spec's
 * ParameterLayout, and every parameter is a set of views into them: what a layer reads and the optimizer writes is
 * what the flat vectors hold, at the layout's offsets. (That the layout's offsets are DL4J's own is pinned against
 * DL4J's params() in lockstep.dl4j.ParameterLayoutParityTest.)
 */
class ParameterBlockTest {
    private static final NetworkSpec NET = RunSpec.irisDefault().network().withLayers(List.of(
            new LayerSpec(4, 7, ActivationType.TANH), new LayerSpec(7, 5, ActivationType.RELU),
            new LayerSpec(5, 3, ActivationType.SOFTMAX)));

    /** Every element of every parameter's {@code part} equals the flat block's element at its offset. */
    private static void viewsMatchTheBlock(Network net, Matrix block, java.util.function.Function<Parameter, Matrix> part) {
        ParameterLayout layout = net.parameterBlock().layout();
        for (Parameter p : net.parameters()) {
            Matrix m = part.apply(p);
            int offset = layout.offset(p.name());
            for (int i = 0; i < m.size(); i++) {
                assertEquals(Double.doubleToRawLongBits(block.get(offset + i)), Double.doubleToRawLongBits(m.get(i)),
                        p.name() + "[" + i + "]");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void valuesGradientsAndUpdatesAreViewsOfTheFlatBlocks(DType dtype) {
        Network net = NetworkBuilder.build(NET, dtype, 11, new EngineComponents());
        ParameterBlock block = net.parameterBlock();
        assertEquals(NET.parameterLayout().size(), block.values().size());
        assertEquals(block.parameters(), net.parameters(), "the network's parameters are the block's, in DL4J's order");
        viewsMatchTheBlock(net, block.values(), Parameter::value);

        MiniBatchStep step = new MiniBatchStep(net, new EngineComponents().optimizer(NET));
        int[] first = {0, 1, 2, 3, 50, 51, 100, 101};
        Batch batch = Datasets.iris().batch(first, dtype, NET.loss().labels());
        step.step(batch);
        viewsMatchTheBlock(net, block.values(), Parameter::value);
        viewsMatchTheBlock(net, block.gradients(), Parameter::gradient);
        viewsMatchTheBlock(net, block.updates(), Parameter::update);

        int at = block.layout().offset("1_b") + 2;
        block.values().set(at, 0.125);
        assertEquals(0.125, net.parameter("1_b").value().get(2), "a write to the flat vector is a write to the parameter");
        assertSame(net.parameter("2_W"), block.parameter(ParameterKey.weights(2)));
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void aNetworkRefusesLayersWhoseParametersAreNotItsBlocks(DType dtype) {
        Network built = NetworkBuilder.build(NET, dtype, 11, new EngineComponents());
        ParameterBlock other = new ParameterBlock(NET.parameterLayout(), dtype);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Network(built.layers(), built.loss(), other));
        assertEquals("the layers' parameters are not the block's, in its order", e.getMessage());
    }
}
