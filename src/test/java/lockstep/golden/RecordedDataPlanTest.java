package lockstep.golden;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import lockstep.data.Datasets;
import lockstep.data.EpochPlan;
import lockstep.data.Shuffler;
import lockstep.spec.RunSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code record} and {@code verify} honour the spec's data plan as {@code compare} does: without shuffling the recorded
 * batches are in dataset order, and with dropLast an epoch has floor(N/B) steps. (Before, record shuffled and kept the
 * short last batch whatever the manifest said.)
 */
class RecordedDataPlanTest {
    @TempDir
    static Path dir;

    @Test
    void withoutShufflingAndWithDropLastTheRecordingIsInDatasetOrderAndFloorNOverBStepsAnEpoch() {
        RunSpec d = RunSpec.irisDefault();
        RunSpec spec = d.withTraining(d.training().withEpochs(2).withShuffle(false).withDropLast(true));
        GoldenScenario g = ScenarioFiles.read(GoldenFixtures.record(dir, "no-shuffle-drop-last", spec, 1));
        assertEquals(18, g.steps(), "2 epochs of floor(150/16) = 9 steps");
        List<int[]> expected = new ArrayList<>();
        for (int epoch = 1; epoch <= 2; epoch++) {
            expected.addAll(EpochPlan.batches(Shuffler.IDENTITY.order(150, epoch), 16, true));
        }
        for (int s = 0; s < 18; s++) {
            assertArrayEquals(expected.get(s), g.batches().get(s), "step " + (s + 1));
        }
        ScenarioResult r = ReferenceData.verify(dir.resolve("no-shuffle-drop-last"), false);
        assertEquals(ScenarioResult.Status.PASS, r.status(), r.toString());
        assertEquals(18, r.engine().steps());
        assertEquals(null, GoldenVerifier.checkBatchPlan(g, Datasets.iris()));
    }
}
