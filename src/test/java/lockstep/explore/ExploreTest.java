package lockstep.explore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import lockstep.comparison.TolerancePolicy;
import lockstep.data.Datasets;
import lockstep.data.EpochPlan;
import lockstep.spec.ActivationType;
import lockstep.spec.LayerSpec;
import lockstep.spec.LossType;
import lockstep.spec.NetworkSpec;
import lockstep.spec.RunSpec;
import org.junit.jupiter.api.Test;

/** The grid on Iris: its shape, both sides' agreement where training is not chaotic, and a divergent cell. */
class ExploreTest {

    /** A linear network (identity hidden layer) with MSE: SGD at lr 1 overflows within the first epoch at B = 4. */
    static RunSpec divergent() {
        RunSpec iris = RunSpec.irisDefault();
        return iris.withNetwork(new NetworkSpec(List.of(new LayerSpec(4, 16, ActivationType.IDENTITY),
                new LayerSpec(16, 3, ActivationType.IDENTITY)), LossType.MSE, iris.network().weightInit(), iris.network().updater()));
    }

    @Test
    void everyCellOnBothSides() {
        RunSpec iris = RunSpec.irisDefault();
        ExploreGrid grid = new ExploreGrid(List.of(0.01, 0.1), List.of(16, 120), 3, 2, 0.0, 1);
        ExploreResult r = Explore.run(iris, Datasets.load(iris.data()), grid, (done, total, c) -> { });
        assertEquals(120, r.trainingExamples());
        assertEquals(30, r.validationExamples());
        assertEquals(8, r.cells().size());
        assertEquals(2 * 2 * 3 * (8 + 1), r.stepsPerSide());
        for (Cell c : r.cells()) {
            assertEquals(EpochPlan.stepsPerEpoch(120, c.batchSize()), c.stepsPerEpoch());
            for (SideCurves s : List.of(c.engine(), c.dl4j())) {
                assertEquals(3 * c.stepsPerEpoch(), s.stepLoss().length);
                assertEquals(3, s.epochLoss().length);
                assertEquals(3, s.validationLoss().length);
            }
            assertFalse(c.diverged());
            // each side on its own from the seed: same start, same batches, so the same losses to rounding
            double tol = TolerancePolicy.DOUBLE.step().relative();
            for (int s = 0; s < c.engine().stepLoss().length; s++) {
                assertEquals(c.dl4j().stepLoss()[s], c.engine().stepLoss()[s], tol * Math.abs(c.dl4j().stepLoss()[s]), c + " step " + s);
            }
            for (int e = 0; e < 3; e++) {
                assertEquals(c.dl4j().validationLoss()[e], c.engine().validationLoss()[e], tol, "validation epoch " + e);
            }
        }
        // an epoch's training loss is its steps' example-weighted mean: B = 16 on 120 examples is 7 of 16 and one of 8
        Cell c = r.cell(0.1, 16, true);
        double sum = 0;
        for (int s = 8; s < 16; s++) {
            sum += c.engine().stepLoss()[s] * (s == 15 ? 8 : 16);
        }
        assertEquals(sum / 120, c.engine().epochLoss()[1], 1e-15);
        // the loss falls; with the whole set as one batch shuffling changes nothing but rounding
        assertTrue(c.engine().epochLoss()[2] < c.engine().epochLoss()[0]);
        assertArrayEquals(r.cell(0.1, 120, true).engine().epochLoss(), r.cell(0.1, 120, false).engine().epochLoss(), 1e-12);
        // the early-stopping readout is the rule applied to the side's validation losses
        assertEquals(EarlyStoppingPick.of(c.dl4j().validationLoss(), grid.stopping()), c.dl4j().stopping());
    }

    /**
     * A convolutional spec (examples/iris-conv.json: conv Same, batch norm, max pooling, softmax on Iris as 2x2 images):
     * every cell on both sides; the validation losses come from batch normalisation's running statistics (inference).
     * Both sides run free from the seed, so the losses agree to the DOUBLE trajectory tolerance, not the step's.
     */
    @Test
    void aConvolutionalSpecOnBothSides() {
        RunSpec conv = lockstep.spec.SpecJson.read(java.nio.file.Path.of("examples/iris-conv.json"));
        ExploreGrid grid = new ExploreGrid(List.of(0.003, 0.03), List.of(16, 120), 2, 2, 0.0, 1);
        ExploreResult r = Explore.run(conv, Datasets.load(conv.data()), grid, (done, total, c) -> { });
        assertEquals(8, r.cells().size());
        double tol = TolerancePolicy.DOUBLE.trajectory().relative();
        for (Cell c : r.cells()) {
            assertFalse(c.diverged(), c.toString());
            for (int s = 0; s < c.engine().stepLoss().length; s++) {
                assertEquals(c.dl4j().stepLoss()[s], c.engine().stepLoss()[s], tol * Math.abs(c.dl4j().stepLoss()[s]), c + " step " + s);
            }
            for (int e = 0; e < 2; e++) {
                assertEquals(c.dl4j().validationLoss()[e], c.engine().validationLoss()[e], tol * Math.abs(c.dl4j().validationLoss()[e]),
                        c + " validation epoch " + e);
            }
        }
        Cell slow = r.cell(0.003, 16, true);
        assertTrue(slow.engine().validationLoss()[1] != slow.engine().validationLoss()[0], "the running statistics moved");
    }

    @Test
    void aDivergentCellRecordsWhereEachSideStoppedBeingANumber() {
        RunSpec spec = divergent();
        ExploreGrid grid = new ExploreGrid(List.of(1.0), List.of(4), 2, 2, 0.0, 1);
        ExploreResult r = Explore.run(spec, Datasets.load(spec.data()), grid, (done, total, c) -> { });
        for (Cell c : r.cells()) {
            assertTrue(c.diverged(), c.toString());
            for (SideCurves s : List.of(c.engine(), c.dl4j())) {
                SideCurves.NonFinite n = s.nonFinite();
                assertNotNull(n);
                assertEquals("training loss", n.quantity());
                assertFalse(Double.isFinite(s.stepLoss()[n.step() - 1]));
                for (int i = 0; i < n.step() - 1; i++) {
                    assertTrue(Double.isFinite(s.stepLoss()[i]), "step " + (i + 1));
                }
            }
            assertEquals(c.engine().nonFinite().step(), c.dl4j().nonFinite().step());
        }
    }

    @Test
    void defaultBatchSizesRunFromOneToTheWholeSet() {
        assertEquals(List.of(1, 4, 16, 64, 120), ExploreGrid.defaultBatchSizes(120));
        assertEquals(List.of(1, 4, 10), ExploreGrid.defaultBatchSizes(10));
        assertEquals(List.of(1), ExploreGrid.defaultBatchSizes(1));
    }
}
