package lockstep.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lockstep.comparison.EpochValidation;
import lockstep.comparison.TensorDiff;
import lockstep.comparison.Tolerance;
import lockstep.comparison.TolerancePolicy;
import lockstep.data.Batch;
import lockstep.data.Dataset;
import lockstep.data.Datasets;
import lockstep.data.ValidationSplit;
import lockstep.dl4j.Dl4jTrainer;
import lockstep.dl4j.Dl4jValidation;
import lockstep.engine.EngineComponents;
import lockstep.engine.Network;
import lockstep.engine.NetworkBuilder;
import lockstep.engine.Parameter;
import lockstep.engine.train.Validator;
import lockstep.linalg.DType;
import lockstep.linalg.Matrix;
import lockstep.report.ParityReport;
import lockstep.spec.LayerSpec;
import lockstep.spec.NetworkSpec;
import lockstep.spec.RegularizationSpec;
import lockstep.spec.RunSpec;
import lockstep.spec.ValidationSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Validation loss and accuracy after every epoch, engine and DL4J, compared like the training loss. */
class ValidationParityTest {

    private static RunSpec withValidation(RunSpec base, ValidationSpec v, int epochs) {
        return base.withTraining(base.training().withValidation(v).withEpochs(epochs));
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void aHeldOutFifthIsValidatedAfterEveryEpochOnBothSides(DType dtype) {
        RunSpec base = RunSpec.irisDefault();
        RunSpec spec = withValidation(base.withTraining(base.training().withDataType(dtype)), ValidationSpec.fraction(0.2), 10);
        LockstepRun run = LockstepRun.of(spec);
        assertEquals(120, run.trainingData().size());
        assertEquals(30, run.validationData().size());
        LockstepResult r = run.run(e -> { });
        assertTrue(r.passed(), () -> ParityReport.verdictLine(r));
        assertEquals(10 * 8, r.steps(), "ceil(120/16) = 8 steps per epoch: only the training examples train");
        for (EpochSummary e : r.epochs()) {
            EpochValidation v = e.validation();
            assertEquals(v.dl4jAccuracy(), v.engineAccuracy(), "epoch " + e.epoch());
            assertTrue(v.stepError() <= TolerancePolicy.defaultFor(dtype).step().relative());
        }
        EpochValidation first = r.epochs().get(0).validation();
        EpochValidation last = r.epochs().get(9).validation();
        assertTrue(last.dl4jLoss() < 0.7 * first.dl4jLoss(), () -> first.dl4jLoss() + " -> " + last.dl4jLoss());
        assertTrue(last.dl4jAccuracy() > first.dl4jAccuracy());
    }

    @Test
    void validationIncludesTheRegularisationPenaltyAndIgnoresDropout() {
        RunSpec base = RunSpec.irisDefault();
        List<LayerSpec> layers = new ArrayList<>(base.network().layers());
        layers.set(1, layers.get(1).withDropout(new lockstep.spec.DropoutSpec.Dropout(0.6)));
        NetworkSpec net = base.network().withLayers(layers).withRegularization(RegularizationSpec.NONE.with("l2", 0.01));
        RunSpec spec = withValidation(base.withNetwork(net), ValidationSpec.fraction(0.2), 4);
        LockstepResult r = LockstepRun.of(spec).run(e -> { });
        assertTrue(r.passed(), () -> ParityReport.verdictLine(r));
        assertTrue(r.epochs().get(3).validation().stepError() < 1e-12);
    }

    /** The twin: the engine's forward pass with its training dropout masks is not what DL4J validates; the Validator's is. */
    @Test
    void aForwardPassWithDropoutWouldDisagreeWithDl4jsValidation() {
        RunSpec base = RunSpec.irisDefault();
        List<LayerSpec> layers = new ArrayList<>(base.network().layers());
        layers.set(1, layers.get(1).withDropout(new lockstep.spec.DropoutSpec.Dropout(0.5)));
        NetworkSpec net = base.network().withLayers(layers);
        Dataset iris = Datasets.iris();
        Network training = NetworkBuilder.build(net, DType.DOUBLE, 42, new EngineComponents());
        Map<String, double[]> params = new java.util.LinkedHashMap<>();
        for (Parameter p : training.parameters()) {
            params.put(p.name(), p.value().toDoubleArray());
        }
        Dl4jTrainer dl4j = new Dl4jTrainer(net, DType.DOUBLE, 42);
        dl4j.setParameters(params);
        int[] all = java.util.stream.IntStream.range(0, 150).toArray();
        Batch b = iris.batch(all, DType.DOUBLE);
        Dl4jValidation.Score d = Dl4jValidation.evaluate(dl4j, b.features().toDoubleArray(), b.labels().toDoubleArray(), 150);
        Validator.Score e = new Validator(net, DType.DOUBLE, new EngineComponents(), iris).evaluate(params);
        Tolerance tol = TolerancePolicy.DOUBLE.step();
        assertTrue(TensorDiff.of(e.outputs().toDoubleArray(), d.outputs(), tol).passed());
        Matrix withDropout = training.forward(b.features());
        assertTrue(!TensorDiff.of(withDropout.toDoubleArray(), d.outputs(), tol).passed(), "dropout masks change the outputs");
    }

    @Test
    void aSeparateCsvValidates(@TempDir Path dir) throws IOException {
        Dataset iris = Datasets.iris();
        StringBuilder csv = new StringBuilder();
        for (int e = 0; e < 150; e += 5) {
            csv.append(String.format(Locale.ROOT, "%s,%s,%s,%s,%d%n", iris.feature(e, 0), iris.feature(e, 1), iris.feature(e, 2),
                    iris.feature(e, 3), iris.classOf(e)));
        }
        Path file = dir.resolve("val.csv");
        Files.writeString(file, csv);
        RunSpec spec = withValidation(RunSpec.irisDefault(), ValidationSpec.csv(file.toString()), 3);
        LockstepRun run = LockstepRun.of(spec);
        assertEquals(150, run.trainingData().size());
        assertEquals(30, run.validationData().size());
        LockstepResult r = run.run(e -> { });
        assertTrue(r.passed(), () -> ParityReport.verdictLine(r));
        assertEquals(30, r.steps());
        assertTrue(run.describePlan().contains("validation: 30 examples, from " + file), run.describePlan());
    }

    @Test
    void theHarnessHoldsOutTheSplitItDescribes() {
        RunSpec spec = withValidation(RunSpec.irisDefault(), ValidationSpec.fraction(0.2), 1);
        LockstepRun run = LockstepRun.of(spec);
        ValidationSplit s = ValidationSplit.holdOut(Datasets.iris(), 0.2, 42);
        assertEquals(s.validation().size(), run.validationData().size());
        for (int r = 0; r < s.validation().size(); r++) {
            assertEquals(s.validation().feature(r, 0), run.validationData().feature(r, 0));
        }
        assertTrue(run.describePlan().contains("\nvalidation: 30 examples, held out of the 150 before training (fraction 0.2, seed 42)"),
                run.describePlan());
        assertEquals(120, run.trainingData().size());
    }
}
