package lockstep.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import lockstep.data.Datasets;
import lockstep.data.RealFashionMnist;
import lockstep.engine.EngineComponents;
import lockstep.spec.DataSpec;
import lockstep.spec.RunSpec;
import lockstep.spec.SpecJson;
import org.junit.jupiter.api.Test;

/** Plain training on real data: the engine (and DL4J on the same batches) learns Fashion-MNIST far above chance. */
class TrainingRunTest {

    /** 784-64(relu)-10(softmax), Adam 1e-3, batch 32, FLOAT: a small, fast cousin of examples/fashion-mnist-mlp.json. */
    private static final String SMALL_MLP = """
            {"dataset": {"fashion-mnist": {"limit": 2000, "testLimit": 2000}},
             "network": {"layers": [{"nIn": 784, "nOut": 64, "activation": "RELU"},
                                    {"nIn": 64, "nOut": 10, "activation": "SOFTMAX", "weightInit": "XAVIER"}],
                         "loss": "MCXENT", "weightInit": "RELU", "updater": {"type": "ADAM", "learningRate": 0.001}},
             "training": {"batchSize": 32, "epochs": 2, "seed": 42, "dataType": "FLOAT"}}""";

    @Test
    void bothSidesLearnFashionMnistFromTwoThousandExamplesInTwoEpochs() {
        RealFashionMnist.requireInstalled();
        RunSpec spec = SpecJson.parse(SMALL_MLP, "small-mlp");
        List<TrainingRun.Progress> epochs = new ArrayList<>();
        TrainingResult r = new TrainingRun(spec, Datasets.trainTest(spec.data(), 42), new EngineComponents(), true)
                .run(p -> {
                    if (p.endOfEpoch()) {
                        epochs.add(p);
                    }
                });
        assertEquals(2000, r.trainExamples());
        assertEquals(2000, r.testExamples());
        assertEquals(2, epochs.size());
        assertEquals(63, epochs.get(1).steps());                      // ceil(2000 / 32)
        assertEquals(2000, epochs.get(1).examples());
        // chance is 0.1; this setting reaches about 0.75
        assertTrue(r.engine().accuracy() > 0.6, () -> "engine accuracy " + r.engine().accuracy());
        assertTrue(r.dl4j().accuracy() > 0.6, () -> "dl4j accuracy " + r.dl4j().accuracy());
        // the same start and the same batches: the two sides stay together in FLOAT
        assertTrue(r.agreement() > 0.98, () -> "predictions agree on " + r.agreement());
        for (int e = 0; e < 2; e++) {
            double a = r.engine().epochLosses()[e];
            double b = r.dl4j().epochLosses()[e];
            assertEquals(b, a, 1e-3 * b, "epoch " + (e + 1) + " mean loss");
            assertEquals(epochs.get(e).engineLoss(), a);
        }
        assertTrue(r.engine().epochLosses()[1] < r.engine().epochLosses()[0]);
        assertTrue(r.engine().trainSeconds() > 0 && r.dl4j().trainSeconds() > 0);
    }

    /**
     * In DOUBLE both sides stay together to rounding, also with dropout (DL4J gets the engine's masks,
     * and neither side drops anything when classifying) and an epoch-based schedule (DL4J's epoch
     * counter is set at every epoch): without either the losses or predictions would part.
     */
    @Test
    void withDropoutAndAnEpochScheduleBothSidesStayTogetherInDouble() {
        RunSpec spec = SpecJson.parse("""
                {"network": {"layers": [{"nIn": 4, "nOut": 16, "activation": "TANH"},
                                        {"nIn": 16, "nOut": 3, "activation": "SOFTMAX", "dropout": 0.7}],
                             "updater": {"type": "SGD", "learningRate": 0.2,
                                         "schedule": {"type": "STEP", "unit": "EPOCH", "decayRate": 0.5, "step": 1}}},
                 "training": {"epochs": 6, "dataType": "DOUBLE"}}""", "dropout-schedule");
        TrainingResult r = new TrainingRun(spec, Datasets.trainTest(spec.data(), 42), new EngineComponents(), true)
                .run(p -> { });
        for (int e = 0; e < 6; e++) {
            assertEquals(r.dl4j().epochLosses()[e], r.engine().epochLosses()[e], 1e-10, "epoch " + (e + 1) + " mean loss");
        }
        assertEquals(1.0, r.agreement());
        assertEquals(r.dl4j().correct(), r.engine().correct());
    }

    @Test
    void irisIsHeldOutEightyTwentyAndTheEngineAloneTrainsOnIt() {
        RunSpec spec = RunSpec.irisDefault();
        TrainingResult r = new TrainingRun(spec, Datasets.trainTest(DataSpec.iris(), 42), new EngineComponents(), false)
                .run(p -> { });
        assertEquals(120, r.trainExamples());
        assertEquals(30, r.testExamples());
        assertEquals(30, r.engine().epochLosses().length);
        assertTrue(r.engine().accuracy() > 0.7, () -> "accuracy " + r.engine().accuracy());   // chance: 1/3
        assertEquals(null, r.dl4j());
        assertTrue(Double.isNaN(r.agreement()));
    }
}
