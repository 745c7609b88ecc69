package lockstep.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import lockstep.data.Datasets;
import lockstep.engine.EngineComponents;
import lockstep.engine.init.InitialDraw;
import lockstep.rand.MaskSource;
import lockstep.linalg.DType;
import lockstep.spec.ActivationType;
import lockstep.spec.LayerSpec;
import lockstep.spec.NetworkSpec;
import lockstep.spec.RunSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Dropout on both sides, each drawing its own masks from the seed: DL4J's stock Dropout from ND4J's generator,
 * the engine from its reproduction of it ({@link InitialDraw}). Passing at every step means the masks are the same.
 */
class DropoutParityTest {

    static RunSpec withDropout(DType dtype) {
        RunSpec d = RunSpec.irisDefault();
        NetworkSpec net = d.network().withLayers(List.of(
                new LayerSpec(4, 16, ActivationType.TANH).withDropout(0.8),
                new LayerSpec(16, 8, ActivationType.RELU).withDropout(0.5),
                new LayerSpec(8, 3, ActivationType.SOFTMAX).withDropout(0.9)));
        return d.withNetwork(net).withTraining(d.training().withDataType(dtype).withEpochs(5));
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void dropoutTrainingMatchesDl4jAtEveryStep(DType dtype) {
        LockstepResult r = LockstepRun.of(withDropout(dtype)).run(e -> { });
        assertTrue(r.passed(), () -> ParityReport.verdictLine(r));
    }

    @Test
    void masksKeepAboutPOfTheActivationsScaledByOneOverPAndAreDrawnInOrder() {
        NetworkSpec net = withDropout(DType.DOUBLE).network().withLayers(List.of(
                new LayerSpec(100, 3, ActivationType.SOFTMAX).withDropout(0.8)));
        MaskSource masks = InitialDraw.of(net, DType.DOUBLE, 42).masks();
        double[] m = masks.mask(0, 0, 100, 100);
        long kept = java.util.Arrays.stream(m).filter(v -> v != 0).count();
        assertEquals(8000, kept, 4 * Math.sqrt(10000 * 0.8 * 0.2), "kept count within 4 standard deviations");
        assertTrue(java.util.Arrays.stream(m).allMatch(v -> v == 0 || v == 1 / 0.8));
        assertArrayEquals(m, masks.mask(0, 0, 100, 100), "the same iteration asked again: the same mask");
        assertFalse(java.util.Arrays.equals(m, masks.mask(0, 1, 100, 100)), "a new mask every iteration");
        assertThrows(IllegalStateException.class, () -> masks.mask(0, 0, 100, 100), "an earlier iteration is gone");
        assertThrows(IllegalStateException.class, () -> masks.mask(0, 3, 100, 100), "an iteration cannot be skipped");
    }

    /** The twin: an engine whose dropout scales kept activations by p instead of 1/p is caught at step 1. */
    @Test
    void differentMasksAreCaught() {
        RunSpec spec = withDropout(DType.DOUBLE);
        EngineComponents otherMasks = new EngineComponents() {
            @Override
            public lockstep.engine.layers.DenseLayer denseLayer(int index, int nIn, int nOut,
                                                                 lockstep.engine.activations.Activation activation, DType dtype) {
                return new lockstep.engine.layers.DenseLayer(index, nIn, nOut, activation, dtype, matMul()) {
                    @Override
                    public void setDropout(double keepProbability, MaskSource masks) {
                        super.setDropout(keepProbability, (layer, iteration, rows, cols) -> {
                            double[] m = masks.mask(layer, iteration, rows, cols);
                            for (int i = 0; i < m.length; i++) {
                                m[i] = m[i] == 0 ? 0 : keepProbability;
                            }
                            return m;
                        });
                    }
                };
            }
        };
        LockstepResult r = new LockstepRun(spec, Datasets.iris(), otherMasks, TolerancePolicy.DOUBLE).run(e -> { });
        assertFalse(r.passed());
        Divergence d = r.divergence();
        assertEquals(1, d.globalStep(), d.describe());
        assertEquals(Quantity.DROPOUT_MASK, d.quantity(), d.describe());
        assertEquals(0, d.layer(), d.describe());
        assertEquals(0.8, d.engineValue(), 0.0, d.describe());
        assertEquals(1 / 0.8, d.dl4jValue(), 1e-15, d.describe());
    }
}
