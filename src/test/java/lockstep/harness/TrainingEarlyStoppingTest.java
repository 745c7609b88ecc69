package lockstep.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lockstep.LockstepException;
import lockstep.data.Batch;
import lockstep.data.Dataset;
import lockstep.data.Datasets;
import lockstep.data.TrainTestSplit;
import lockstep.data.ValidationSplit;
import lockstep.dl4j.Dl4jEarlyStopping;
import lockstep.dl4j.Dl4jEpochOrder;
import lockstep.dl4j.Dl4jTrainer;
import lockstep.engine.EngineComponents;
import lockstep.linalg.DType;
import lockstep.spec.EarlyStoppingSpec;
import lockstep.spec.LabelEncoding;
import lockstep.spec.RunSpec;
import lockstep.spec.TrainingSpec;
import lockstep.spec.ValidationSpec;
import org.junit.jupiter.api.Test;

/**
 * {@code train} honours the spec's validation split and early stopping (it had trained every epoch on all the training
 * examples): each side stops by its own rule and ends with its best parameters. The reference is DL4J's own
 * EarlyStoppingTrainer, run as a DL4J user runs it, from the seed on DL4J's own batches of the same examples.
 */
class TrainingEarlyStoppingTest {
    private static final int MAX_EPOCHS = 100;

    private static RunSpec iris(EarlyStoppingSpec es) {
        TrainingSpec t = RunSpec.irisDefault().training().withEpochs(MAX_EPOCHS).withBatchSize(32)
                .withValidation(ValidationSpec.fraction(0.2)).withEarlyStopping(es);
        return RunSpec.irisDefault().withTraining(t);
    }

    /** DL4J's EarlyStoppingTrainer on the run's training examples, scoring its validation examples. */
    private static Dl4jEarlyStopping.Outcome dl4jsOwnTrainer(RunSpec spec, Dataset training, Dataset validation) {
        TrainingSpec t = spec.training();
        DType dtype = t.dataType();
        LabelEncoding labels = spec.network().loss().labels();
        Dl4jEpochOrder order = new Dl4jEpochOrder(training.size(), t.seed(), t.shuffle());
        Batch examples = validation.all(dtype, labels);
        EarlyStoppingSpec es = t.earlyStopping();
        return Dl4jEarlyStopping.run(spec.network(), dtype, t.seed(), null,
                new Dl4jTrainer(spec.network(), dtype, t.seed()).parameters(),
                epoch -> order.nextEpoch(t.batchSize(), t.dropLast()).stream()
                        .map(indices -> training.batch(indices, dtype, labels)).toList(),
                examples, es.patience(), es.minDelta(), t.epochs(), es.evaluateEvery());
    }

    @Test
    void bothSidesStopWhereDl4jsOwnTrainerStopsAndKeepItsBestEpoch() {
        RunSpec spec = iris(new EarlyStoppingSpec(3, 0.01));
        TrainTestSplit data = Datasets.trainTest(spec.data(), spec.training().seed());
        TrainingRun run = new TrainingRun(spec, data, new EngineComponents(), true);
        TrainingResult r = run.run(p -> { });

        ValidationSplit split = ValidationSplit.of(data.train(), spec.data(), spec.training().validation(), spec.training().seed());
        assertEquals(split.training().size(), r.trainExamples());
        assertEquals(split.validation().size(), r.validationExamples());
        assertEquals(data.train().size(), r.trainExamples() + r.validationExamples(), "the validation examples are held out");
        Dl4jEarlyStopping.Outcome dl4j = dl4jsOwnTrainer(spec, split.training(), split.validation());
        assertTrue(dl4j.totalEpochs() < MAX_EPOCHS, "the case stops early: " + dl4j.totalEpochs());

        for (TrainingResult.Side side : new TrainingResult.Side[] {r.engine(), r.dl4j()}) {
            assertEquals(dl4j.totalEpochs(), side.stop().stoppedAfter(), side.name());
            assertEquals(dl4j.bestModelEpoch() + 1, side.stop().bestEpoch(), side.name() + " (DL4J counts epochs from 0)");
            assertEquals(side.stop().stoppedAfter(), side.epochLosses().length, side.name() + " trained until it stopped");
        }
        assertTrue(r.dl4j().stop().reason().startsWith("ScoreImprovementEpochTerminationCondition"), r.dl4j().stop().reason());
        assertTrue(r.engine().stop().reason().startsWith("no improvement"), r.engine().stop().reason());
        assertEquals(1.0, r.agreement(), "both ended with their best epoch's parameters");
    }

    @Test
    void earlyStoppingWithoutValidationDataIsRefusedBeforeTraining() {
        RunSpec spec = iris(new EarlyStoppingSpec(3, 0.01));
        RunSpec noValidation = spec.withTraining(spec.training().withValidation(null));
        LockstepException e = assertThrows(LockstepException.class, () -> new TrainingRun(noValidation,
                Datasets.trainTest(spec.data(), 42), new EngineComponents(), false));
        assertEquals("training.earlyStopping: needs validation data (training.validation)", e.getMessage());
    }
}
