package lockstep.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import lockstep.engine.EngineComponents;
import lockstep.engine.NetworkBuilder;
import lockstep.linalg.DType;
import lockstep.linalg.Matrix;
import lockstep.spec.ActivationType;
import lockstep.spec.LayerSpec;
import lockstep.spec.NetworkSpec;
import lockstep.spec.ParameterKey;
import lockstep.spec.ParameterLayout;
import lockstep.spec.RunSpec;
import org.junit.jupiter.api.Test;

/**
 * The parameter layout the spec gives is DL4J's own: the same keys, shapes, order and flat offsets; and the engine's
 * flat parameter block, drawn from the same seed, is DL4J's {@code params()} vector (W row-major here, column-major in
 * DL4J's vector).
 */
class ParameterLayoutParityTest {

    @Test
    void irisLayoutByHand() {
        ParameterLayout layout = RunSpec.irisDefault().network().parameterLayout();   // 4-16-3
        assertEquals(List.of("0_W", "0_b", "1_W", "1_b"), List.copyOf(layout.shapes().keySet()));
        assertArrayEquals(new int[] {4, 16}, layout.shapes().get("0_W"));
        assertArrayEquals(new int[] {16}, layout.shapes().get("0_b"));
        assertEquals(64, layout.offset("0_b"));
        assertEquals(80, layout.offset("1_W"));
        assertEquals(128, layout.offset("1_b"));
        assertEquals(131, layout.size());
    }

    @Test
    void dl4jsNetworksHaveTheLayoutsShapesAndFlatOffsets() {
        NetworkSpec iris = RunSpec.irisDefault().network();
        NetworkSpec deep = iris.withLayers(List.of(new LayerSpec(4, 7, ActivationType.RELU), new LayerSpec(7, 5, ActivationType.TANH),
                new LayerSpec(5, 3, ActivationType.SOFTMAX)));
        for (NetworkSpec net : List.of(iris, deep)) {
            ParameterLayout layout = net.parameterLayout();
            Dl4jTrainer dl4j = new Dl4jTrainer(net, DType.DOUBLE, 7);
            Map<String, int[]> shapes = dl4j.parameterShapes();
            assertEquals(List.copyOf(layout.shapes().keySet()), List.copyOf(shapes.keySet()));
            layout.shapes().forEach((k, s) -> assertArrayEquals(s, shapes.get(k), k));
            assertEquals(dl4j.network().numParams(), layout.size());
            double[] flat = dl4j.network().params().dup().data().asDouble();
            dl4j.parameters().forEach((k, values) -> {   // DL4J's flat vector holds W column-major: compare as sets
                int offset = layout.offset(k);
                double[] slice = java.util.Arrays.copyOfRange(flat, offset, offset + values.length);
                double[] sorted = values.clone();
                java.util.Arrays.sort(slice);
                java.util.Arrays.sort(sorted);
                assertArrayEquals(sorted, slice, 0.0, k);
            });
        }
    }

    @Test
    void theEnginesFlatBlockIsDl4jsParamsVector() {
        NetworkSpec net = RunSpec.irisDefault().network().withLayers(List.of(new LayerSpec(4, 7, ActivationType.RELU),
                new LayerSpec(7, 5, ActivationType.TANH), new LayerSpec(5, 3, ActivationType.SOFTMAX)));
        ParameterLayout layout = net.parameterLayout();
        Matrix engine = NetworkBuilder.build(net, DType.DOUBLE, 7, new EngineComponents()).parameterBlock().values();
        double[] dl4j = new Dl4jTrainer(net, DType.DOUBLE, 7).network().params().dup().data().asDouble();
        assertEquals(dl4j.length, engine.size());
        for (ParameterKey key : layout.keys()) {
            int[] shape = layout.shapes().get(key.name());
            int offset = layout.offset(key.name());
            int rows = key.isBias() ? 1 : shape[0];
            int cols = shape[shape.length - 1];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    assertEquals(dl4j[offset + c * rows + r], engine.get(offset + r * cols + c), 0.0,
                            key.name() + "[" + r + "," + c + "]");
                }
            }
        }
    }
}
