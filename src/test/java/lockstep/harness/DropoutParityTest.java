package lockstep.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import lockstep.data.Datasets;
import lockstep.engine.EngineComponents;
import lockstep.engine.layers.DropoutMask;
import lockstep.linalg.DType;
import lockstep.spec.ActivationType;
import lockstep.spec.LayerSpec;
import lockstep.spec.NetworkSpec;
import lockstep.spec.RunSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Dropout with identical masks on both sides (drawn by the engine, applied in DL4J through ExternalMaskDropout). */
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
    void masksKeepAboutPOfTheActivationsScaledByOneOverP() {
        double[] m = DropoutMask.values(42, 0, 3, 100, 100, 0.8);
        long kept = java.util.Arrays.stream(m).filter(v -> v != 0).count();
        assertEquals(8000, kept, 4 * Math.sqrt(10000 * 0.8 * 0.2), "kept count within 4 standard deviations");
        assertTrue(java.util.Arrays.stream(m).allMatch(v -> v == 0 || v == 1 / 0.8));
        assertFalse(java.util.Arrays.equals(m, DropoutMask.values(42, 0, 4, 100, 100, 0.8)), "a new mask every iteration");
    }

    /** The twin: an engine whose masks differ from DL4J's (another seed) is caught at step 1. */
    @Test
    void differentMasksAreCaught() {
        RunSpec spec = withDropout(DType.DOUBLE);
        EngineComponents otherMasks = new EngineComponents() {
            @Override
            public lockstep.engine.layers.DenseLayer denseLayer(int index, int nIn, int nOut,
                                                                 lockstep.engine.activations.Activation activation, DType dtype) {
                return new lockstep.engine.layers.DenseLayer(index, nIn, nOut, activation, dtype, matMul()) {
                    @Override
                    public void setDropout(double keepProbability, long seed) {
                        super.setDropout(keepProbability, seed + 1);
                    }
                };
            }
        };
        LockstepResult r = new LockstepRun(spec, Datasets.iris(), otherMasks, TolerancePolicy.DOUBLE).run(e -> { });
        assertFalse(r.passed());
        assertEquals(1, r.divergence().globalStep(), r.divergence().describe());
    }
}
