package lockstep.spec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import lockstep.engine.Parameter;
import org.junit.jupiter.api.Test;

/** Parameter, updater-state and dropout names: DL4J's keys, read back into layer and kind. */
class ParameterKeyTest {

    @Test
    void namesAreDl4jsParameterKeys() {
        assertEquals("0_W", ParameterKey.weights(0).name());
        assertEquals("12_b", ParameterKey.bias(12).name());
        assertEquals("1_W/M", ParameterKey.weights(1).stateName("M"));
        assertEquals("3_dropout", ParameterKey.dropoutName(3));
    }

    @Test
    void parsingReadsLayerAndKindFromParameterAndStateNames() {
        assertEquals(ParameterKey.bias(12), ParameterKey.parse("12_b"));
        assertEquals(ParameterKey.weights(1), ParameterKey.parse("1_W/V"));
        assertEquals("V", ParameterKey.slotOf("1_W/V"));
        assertEquals(2, ParameterKey.layerOf("2_b/M"));
        assertEquals(7, ParameterKey.layerOf("7_dropout"));
    }

    @Test
    void anythingElseIsRefusedNamingTheText() {
        for (String bad : new String[] {"W", "_W", "x_W", "0_B", "0_Wx", "0-W", "-1_W", "", "a_dropout"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ParameterKey.layerOf(bad), bad);
            assertEquals(true, e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> ParameterKey.slotOf("0_W"));
        assertThrows(IllegalArgumentException.class, () -> ParameterKey.slotOf("0_W/"));
    }

    @Test
    void shapesAreDl4jsWeightsNInByNOutAndBiasNOut() {
        ParameterLayout layout = ParameterLayout.dense(new int[] {4, 16});
        assertArrayEquals(new int[] {4, 16}, layout.shapes().get("0_W"));
        assertArrayEquals(new int[] {16}, layout.shapes().get("0_b"));
        Parameter b = new Parameter(ParameterKey.bias(0), lockstep.linalg.Matrix.zeros(lockstep.linalg.DType.DOUBLE, 1, 16));
        assertArrayEquals(new int[] {16}, b.shape());
    }
}
