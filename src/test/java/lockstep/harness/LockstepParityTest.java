package lockstep.harness;

import java.util.List;
import lockstep.comparison.Tolerance;
import lockstep.comparison.TolerancePolicy;
import lockstep.linalg.DType;
import lockstep.report.ParityReport;
import lockstep.spec.ActivationType;
import lockstep.spec.LayerSpec;
import lockstep.spec.LossType;
import lockstep.spec.NetworkSpec;
import lockstep.spec.RunSpec;
import lockstep.spec.UpdaterSpec;
import lockstep.spec.UpdaterType;
import lockstep.spec.WeightInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engine and DL4J agree at every step of every epoch (the planted-bug twins are in PlantedBugsTest). */
class LockstepParityTest {

    private static LockstepResult run(RunSpec spec) {
        LockstepResult r = LockstepRun.of(spec).run(e -> { });
        assertTrue(r.passed(), () -> ParityReportFormat.verdict(r));
        return r;
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void irisDefaultAgreesAtEveryStepOfThirtyEpochs(DType dtype) {
        RunSpec spec = RunSpec.irisDefault().withTraining(RunSpec.irisDefault().training().withDataType(dtype));
        LockstepResult r = run(spec);
        assertEquals(30, r.epochs().size());
        assertEquals(300, r.steps());
        assertEquals(4, r.parameterCount());
        // the network learns: mean loss of the last epoch well below the first
        double first = r.epochs().get(0).dl4jLoss();
        double last = r.epochs().get(29).dl4jLoss();
        assertTrue(last < 0.5 * first, () -> "loss went from " + first + " to " + last);
        if (dtype == DType.DOUBLE) {
            assertTrue(r.worstStepError() < 1e-11, () -> "worst step error " + r.worstStepError());
        }
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void everyActivationAndLossAgreesWithDl4j(DType dtype) {
        NetworkSpec mse = new NetworkSpec(List.of(
                new LayerSpec(4, 10, ActivationType.RELU),
                new LayerSpec(10, 6, ActivationType.SIGMOID),
                new LayerSpec(6, 5, ActivationType.IDENTITY, WeightInit.RELU),
                new LayerSpec(5, 3, ActivationType.TANH)),
                LossType.MSE, WeightInit.XAVIER_UNIFORM, new UpdaterSpec(UpdaterType.SGD, 0.05));
        NetworkSpec softmaxMse = new NetworkSpec(List.of(
                new LayerSpec(4, 7, ActivationType.TANH, WeightInit.RELU),
                new LayerSpec(7, 3, ActivationType.SOFTMAX)),
                LossType.MSE, WeightInit.XAVIER_UNIFORM, new UpdaterSpec(UpdaterType.SGD, 0.2));
        for (NetworkSpec net : List.of(mse, softmaxMse)) {
            RunSpec spec = RunSpec.irisDefault().withNetwork(net)
                    .withTraining(RunSpec.irisDefault().training().withDataType(dtype).withEpochs(5).withBatchSize(32));
            run(spec);
        }
    }

    /**
     * A free-running FLOAT trajectory is chaotic, and how far it drifts depends on the BLAS kernel DL4J gets; what holds
     * on every CPU is the mechanism: at the end of each drift window the free engine takes DL4J's parameters and
     * updater state, so the step after it starts from the same state as the step check's anchored engine and agrees
     * with DL4J exactly as well. Without a window (0) it never does.
     */
    @Test
    void theDriftWindowResynchronisesTheFreeEngineWithDl4j() {
        RunSpec spec = RunSpec.irisDefault().withTraining(RunSpec.irisDefault().training().withDataType(DType.FLOAT));
        TolerancePolicy lenient = TolerancePolicy.FLOAT.withTrajectory(new Tolerance(Double.POSITIVE_INFINITY, 1.0, 1e-6));
        java.util.List<LockstepRun.StepRecord> windowed = steps(spec, lenient.withDriftWindow(100));
        java.util.List<LockstepRun.StepRecord> unbounded = steps(spec, lenient.withDriftWindow(0));
        for (int afterResync : new int[] {101, 201}) {
            LockstepRun.StepRecord w = windowed.get(afterResync - 1);
            assertEquals(w.anchoredEngine().loss(), w.freeEngine().loss(), "step " + afterResync);
            w.anchoredEngine().gradients().forEach((name, g) -> assertArrayEquals(g, w.freeEngine().gradients().get(name),
                    "step " + afterResync + " " + name));
            LockstepRun.StepRecord u = unbounded.get(afterResync - 1);
            assertNotEquals(u.anchoredEngine().loss(), u.freeEngine().loss(),
                    "without a window the free engine keeps its own parameters at step " + afterResync);
        }
        assertNotEquals(windowed.get(99).anchoredEngine().loss(), windowed.get(99).freeEngine().loss(),
                "within a window the free engine runs on its own");
    }

    private static java.util.List<LockstepRun.StepRecord> steps(RunSpec spec, TolerancePolicy policy) {
        java.util.List<LockstepRun.StepRecord> out = new java.util.ArrayList<>();
        LockstepResult r = new LockstepRun(spec, lockstep.data.Datasets.iris(), new lockstep.engine.EngineComponents(), policy,
                InitSource.DL4J).run(new LockstepRun.Listener() {
                    @Override
                    public void onEpoch(EpochSummary summary) {
                    }

                    @Override
                    public void onStep(LockstepRun.StepRecord step) {
                        out.add(step);
                    }
                });
        assertTrue(r.passed(), () -> ParityReport.verdictLine(r));
        return out;
    }

    @Test
    void batchLargerThanTheDatasetIsOneStepPerEpoch() {
        RunSpec spec = RunSpec.irisDefault().withTraining(RunSpec.irisDefault().training().withBatchSize(1000).withEpochs(3));
        LockstepResult r = run(spec);
        assertEquals(3, r.steps());
    }
}
