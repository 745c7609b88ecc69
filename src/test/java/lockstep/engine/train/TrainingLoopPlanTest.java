package lockstep.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import lockstep.data.Datasets;
import lockstep.engine.EngineComponents;
import lockstep.engine.NetworkBuilder;
import lockstep.spec.RunSpec;
import lockstep.spec.TrainingSpec;
import org.junit.jupiter.api.Test;

/** The engine's own training loop (as {@code lockstep train} runs it) honours shuffle and dropLast, as compare does. */
class TrainingLoopPlanTest {

    @Test
    void withoutShufflingAndWithDropLastItVisitsTheDatasetInOrderInFloorNOverBSteps() {
        RunSpec spec = RunSpec.irisDefault();
        TrainingSpec t = spec.training().withShuffle(false).withDropLast(true);
        EngineComponents c = new EngineComponents();
        MiniBatchStep step = new MiniBatchStep(NetworkBuilder.build(spec.network(), t.dataType(), t.seed(), c),
                c.optimizer(spec.network()));
        List<int[]> seen = new ArrayList<>();
        new TrainingLoop(step, c.shuffler(t.seed()), t).run(Datasets.iris(), 2, (epoch, s, batch, loss) -> seen.add(batch.exampleIndices()));
        assertEquals(18, seen.size(), "2 epochs of floor(150/16) = 9 steps");
        for (int s = 0; s < 18; s++) {
            int first = (s % 9) * 16;
            assertArrayEquals(java.util.stream.IntStream.range(first, first + 16).toArray(), seen.get(s), "step " + (s + 1));
        }
    }
}
