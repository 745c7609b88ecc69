package lockstep.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.management.ManagementFactory;
import java.util.List;
import lockstep.data.Batch;
import lockstep.data.Dataset;
import lockstep.data.Datasets;
import lockstep.engine.train.MiniBatchStep;
import lockstep.linalg.DType;
import lockstep.spec.GradientNormalization;
import lockstep.spec.GradientNormalizationSpec;
import lockstep.spec.NetworkSpec;
import lockstep.spec.RegularizationSpec;
import lockstep.spec.RunSpec;
import lockstep.spec.UpdaterSpec;
import lockstep.spec.UpdaterType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A warm training step of the matrix engine allocates nothing: the bytes this thread allocates over
 * many steps (HotSpot's per-thread allocation counter) stay at 0. This counts bytes, not time.
 */
class SteadyStateAllocationTest {

    @ParameterizedTest
    @EnumSource(DType.class)
    void aWarmTrainingStepAllocatesNothing(DType dtype) {
        RunSpec d = RunSpec.irisDefault();
        NetworkSpec net = d.network().withUpdater(new UpdaterSpec(UpdaterType.ADAM, 1e-3))
                .withRegularization(RegularizationSpec.NONE.with("l2", 1e-3))
                .withGradientNormalization(new GradientNormalizationSpec(GradientNormalization.ClipL2PerLayer, 1.0));
        EngineComponents c = new EngineComponents();
        MiniBatchStep step = new MiniBatchStep(NetworkBuilder.build(net, dtype, 42, c), c.optimizer(net));
        Dataset iris = Datasets.iris();
        // the two batch sizes of an Iris epoch at B = 16: full batches and the last one of 6
        List<Batch> batches = List.of(iris.batch(range(0, 16), dtype), iris.batch(range(16, 22), dtype));
        for (int i = 0; i < 20_000; i++) {          // warm-up: let the JIT compile the step
            step.step(batches.get(i % 2));
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 1000; i++) {
            step.step(batches.get(i % 2));
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertEquals(0, allocated, "bytes allocated by 1000 warm steps");
    }

    private static int[] range(int from, int to) {
        int[] r = new int[to - from];
        for (int i = 0; i < r.length; i++) {
            r[i] = from + i;
        }
        return r;
    }
}
