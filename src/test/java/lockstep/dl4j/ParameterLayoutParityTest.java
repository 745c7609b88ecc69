package lockstep.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import lockstep.linalg.DType;
import lockstep.spec.ActivationType;
import lockstep.spec.LayerSpec;
import lockstep.spec.NetworkSpec;
import lockstep.spec.ParameterLayout;
import lockstep.spec.RunSpec;
import org.junit.jupiter.api.Test;

/** The parameter layout the spec gives is DL4J's own: the same keys, shapes, order and flat offsets. */
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
}
