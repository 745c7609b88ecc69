package lockstep.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import lockstep.data.Datasets;
import lockstep.engine.EngineComponents;
import lockstep.engine.NetworkBuilder;
import lockstep.engine.train.MiniBatchStep;
import lockstep.engine.train.TrainingLoop;
import lockstep.linalg.DType;
import lockstep.spec.RunSpec;
import lockstep.spec.TrainingSpec;
import org.junit.jupiter.api.Test;

/**
 * The demos run the one epoch loop, so they honour the run's shuffle and dropLast as compare and train do (they used
 * to shuffle and keep the partial batch whatever the spec said).
 */
class DemoPlanTest {
    private static final RunSpec IN_ORDER = RunSpec.irisDefault().withTraining(RunSpec.irisDefault().training()
            .withDataType(DType.DOUBLE).withShuffle(false).withDropLast(true));

    @Test
    void zeroGradsStepWithZeroGradIsTheEngineLoopOnTheSameBatches() {
        TrainingSpec t = IN_ORDER.training();
        EngineComponents c = new EngineComponents();
        MiniBatchStep step = new MiniBatchStep(NetworkBuilder.build(IN_ORDER.network(), t.dataType(), t.seed(), c),
                c.optimizer(IN_ORDER.network()));
        List<Double> engine = new ArrayList<>();
        new TrainingLoop(step, c.shuffler(t.seed()), t).run(Datasets.iris(), 2, (epoch, s, batch, loss) -> engine.add(loss));
        assertEquals(18, engine.size(), "2 epochs of floor(150/16) = 9 steps");

        ZeroGradDemo.Result r = ZeroGradDemo.run(IN_ORDER, Datasets.iris(), 18);
        for (int k = 0; k < 18; k++) {
            double a = r.steps().get(k).lossA();
            assertEquals(engine.get(k), a, 1e-12 * Math.abs(a), "step " + (k + 1) + ": A's loss against the engine loop's");
        }
    }

    @Test
    void batchSizesStepsPerEpochFollowDropLast() {
        BatchSizeDemo.Result r = BatchSizeDemo.run(IN_ORDER, Datasets.iris(), List.of(32), List.of(0.1), 1);
        assertEquals(4, r.get(32, 0.1).stepsPerEpoch(), "floor(150/32) with the partial batch dropped");
        assertEquals(5, BatchSizeDemo.run(RunSpec.irisDefault(), Datasets.iris(), List.of(32), List.of(0.1), 1)
                .get(32, 0.1).stepsPerEpoch(), "ceil(150/32) with it kept");
    }
}
