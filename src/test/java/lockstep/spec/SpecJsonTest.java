package lockstep.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import lockstep.LockstepException;
import lockstep.linalg.DType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class SpecJsonTest {

    /** A convolutional spec survives a write and a read: layer types, windows (Same included), AVG pooling, input shape. */
    @Test
    void aConvolutionalSpecRoundTrips() {
        NetworkSpec net = new NetworkSpec(java.util.List.of(
                LayerSpec.convolution(1, 4, ActivationType.RELU, new WindowSpec(3, 2, 1, 2, 1, 0, WindowSpec.Mode.TRUNCATE, null)),
                LayerSpec.batchNormalization(4),
                LayerSpec.subsampling(4, new WindowSpec(2, 2, 2, 2, 0, 0, WindowSpec.Mode.SAME, WindowSpec.Pooling.AVG)),
                new LayerSpec(4 * 4 * 2, 3, ActivationType.SOFTMAX)),
                LossType.MCXENT, WeightInit.XAVIER, new UpdaterSpec(UpdaterType.SGD, 0.1)).withInput(new InputShape(8, 6, 1));
        RunSpec spec = RunSpec.irisDefault().withNetwork(net);
        RunSpec back = SpecJson.parse(SpecJson.write(spec), "test");
        assertEquals(spec, back);
        assertEquals("1x8x6-conv 3x2/1x2 pad 1x0:4(relu)-bn-avg 2x2/2 same-3(softmax)", back.network().describeShape());
    }

    @Test
    void writtenSpecReadsBackEqual() {
        NetworkSpec net = new NetworkSpec(List.of(new LayerSpec(4, 5, ActivationType.RELU, WeightInit.RELU),
                new LayerSpec(5, 3, ActivationType.SOFTMAX)), LossType.MSE, WeightInit.ZERO, new UpdaterSpec(UpdaterType.SGD, 0.25));
        RunSpec spec = new RunSpec(DataSpec.csv("/tmp/x.csv", 0, 3), net, new TrainingSpec(7, 3, -9, DType.FLOAT));
        assertEquals(spec, SpecJson.parse(SpecJson.write(spec), "test"));
    }

    @Test
    void distributionsReadBackEqual() {
        NetworkSpec net = new NetworkSpec(List.of(
                new LayerSpec(4, 5, ActivationType.RELU, new WeightDistribution.Uniform(-0.1, 0.3)),
                new LayerSpec(5, 5, ActivationType.TANH, new WeightDistribution.TruncatedNormal(1.5, 0.25)),
                new LayerSpec(5, 3, ActivationType.SOFTMAX)),
                LossType.MCXENT, new WeightDistribution.Normal(-0.5, 2), new UpdaterSpec(UpdaterType.SGD, 0.1));
        RunSpec spec = RunSpec.irisDefault().withNetwork(net);
        assertEquals(spec, SpecJson.parse(SpecJson.write(spec), "test"));
    }

    @ParameterizedTest
    @EnumSource(WeightInit.class)
    void everySchemeReadsBackEqual(WeightInit scheme) {
        int nOut = scheme == WeightInit.IDENTITY ? 4 : 16;
        NetworkSpec net = new NetworkSpec(List.of(new LayerSpec(4, nOut, ActivationType.TANH, scheme),
                new LayerSpec(nOut, 3, ActivationType.SOFTMAX)), LossType.MCXENT, WeightInit.XAVIER, new UpdaterSpec(UpdaterType.SGD, 0.1));
        RunSpec spec = RunSpec.irisDefault().withNetwork(net);
        assertEquals(spec, SpecJson.parse(SpecJson.write(spec), "test"));
    }

    @Test
    void distributionNamesAreCaseInsensitiveAndMeanDefaultsToZero() {
        RunSpec spec = SpecJson.parse("{\"network\": {\"weightInit\": {\"distribution\": \"Normal\", \"std\": 0.5}}}", "test");
        assertEquals(new WeightDistribution.Normal(0, 0.5), spec.network().weightInit());
        assertEquals("normal(mean=0, std=0.5)", spec.network().weightInit().describe());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"distribution\": \"gamma\", \"std\": 1}          | network.weightInit.distribution: unknown distribution \"gamma\" (known: normal, uniform, truncated_normal)",
        "{\"distribution\": \"normal\", \"sd\": 1}          | network.weightInit: unknown field \"sd\" (known: distribution, mean, std)",
        "{\"distribution\": \"normal\"}                     | network.weightInit.std: missing required field",
        "{\"distribution\": \"normal\", \"std\": -1}        | network.weightInit.std: must be a finite number > 0, got -1.0",
        "{\"distribution\": \"truncated_normal\", \"std\": 0} | network.weightInit.std: must be a finite number > 0, got 0.0",
        "{\"distribution\": \"uniform\", \"lower\": 1, \"upper\": 1} | network.weightInit: a uniform distribution needs finite bounds with lower < upper, got lower=1.0 upper=1.0",
        "{\"distribution\": \"uniform\", \"lower\": \"a\", \"upper\": 1} | network.weightInit.lower: expected a number, got \"a\"",
        "{\"std\": 1}                                        | network.weightInit.distribution: missing required field",
        "42                                                  | network.weightInit: expected a scheme name such as \"XAVIER\" or a distribution object",
        "\"GLOROT\"                                          | network.weightInit: unknown weight init \"GLOROT\" (known: XAVIER, XAVIER_UNIFORM",
        "\"IDENTITY\"                                        | network.layers[0] (dense): weight init IDENTITY needs a square W (nIn = nOut), got nIn=4 nOut=16",
    })
    void badWeightInitsAreNamedByPath(String weightInit, String expected) {
        LockstepException e = assertThrows(LockstepException.class,
                () -> SpecJson.parse("{\"network\": {\"weightInit\": " + weightInit + "}}", "spec.json"));
        assertEquals("spec.json: " + expected, e.getMessage().substring(0, Math.min(e.getMessage().length(), expected.length() + 11)));
    }

    @Test
    void badLayerDistributionIsNamedByLayer() {
        LockstepException e = assertThrows(LockstepException.class, () -> SpecJson.parse("""
                {"network": {"layers": [{"nIn": 4, "nOut": 16, "activation": "TANH"},
                                        {"nIn": 16, "nOut": 3, "activation": "SOFTMAX",
                                         "weightInit": {"distribution": "normal", "std": "big"}}]}}""", "spec.json"));
        assertEquals("spec.json: network.layers[1].weightInit.std: expected a number, got \"big\"", e.getMessage());
    }

    @Test
    void everyDropoutKindReadsBackEqualAndAPlainNumberIsDropout() {
        List<DropoutSpec> kinds = List.of(new DropoutSpec.Dropout(0.8), new DropoutSpec.GaussianDropout(0.1),
                new DropoutSpec.GaussianNoise(0.05), new DropoutSpec.AlphaDropout(0.9));
        for (DropoutSpec d : kinds) {
            NetworkSpec net = RunSpec.irisDefault().network();
            RunSpec spec = RunSpec.irisDefault().withNetwork(net.withLayers(List.of(net.layers().get(0).withDropout(d),
                    net.layers().get(1))));
            assertEquals(spec, SpecJson.parse(SpecJson.write(spec), "test"), d.describe());
        }
        String plain = "{\"network\": {\"layers\": [{\"nIn\": 4, \"nOut\": 3, \"activation\": \"SOFTMAX\", \"dropout\": %s}]}}";
        RunSpec old = SpecJson.parse(plain.formatted("0.8"), "test");
        assertEquals(new DropoutSpec.Dropout(0.8), old.network().layers().get(0).dropout());
        assertEquals(old, SpecJson.parse(plain.formatted("{\"type\": \"dropout\", \"p\": 0.8}"), "test"), "the typed form, any case");
        assertTrue(SpecJson.write(old).contains("\"dropout\" : 0.8"), "Dropout is written in the plain form");
        RunSpec noise = SpecJson.parse(plain.formatted("{\"type\": \"GAUSSIAN_NOISE\", \"stddev\": 0.05}"), "test");
        assertEquals(new DropoutSpec.GaussianNoise(0.05), noise.network().layers().get(0).dropout());
        assertEquals("4-3(softmax, input gaussian_noise(stddev=0.05))", noise.network().describeShape());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1.5                                          | network.layers[0].dropout: the probability p of keeping an activation must be in (0, 1], got 1.5",
        "0                                            | network.layers[0].dropout: the probability p of keeping an activation must be in (0, 1], got 0.0",
        "{\"type\": \"DROPOUT\", \"p\": -1}         | network.layers[0].dropout: the probability p of keeping an activation must be in (0, 1], got -1.0",
        "{\"type\": \"GAUSSIAN_DROPOUT\", \"rate\": 1} | network.layers[0].dropout.rate: must be in (0, 1), got 1.0",
        "{\"type\": \"GAUSSIAN_NOISE\", \"stddev\": 0} | network.layers[0].dropout.stddev: must be a finite number > 0, got 0.0",
        "{\"type\": \"ALPHA_DROPOUT\", \"p\": 1.2}    | network.layers[0].dropout.p: the probability of keeping an activation must be in (0, 1], got 1.2",
        "{\"type\": \"ALPHA_DROPOUT\", \"rate\": 0.1} | network.layers[0].dropout: unknown field \"rate\" (known: type, p)",
        "{\"type\": \"GAUSSIAN_NOISE\"}              | network.layers[0].dropout.stddev: missing required field",
        "{\"rate\": 0.1}                             | network.layers[0].dropout.type: missing required field",
        "{\"type\": \"SPATIAL\", \"p\": 0.5}         | network.layers[0].dropout.type: unknown dropout type \"SPATIAL\" (known: DROPOUT, GAUSSIAN_DROPOUT, GAUSSIAN_NOISE, ALPHA_DROPOUT)",
        "\"0.8\"                                      | network.layers[0].dropout: expected a keep probability such as 0.8 or an object such as {\"type\": \"GAUSSIAN_DROPOUT\", \"rate\": 0.1}, got \"0.8\"",
    })
    void badDropoutsAreNamedByPath(String dropout, String expected) {
        LockstepException e = assertThrows(LockstepException.class, () -> SpecJson.parse(
                "{\"network\": {\"layers\": [{\"nIn\": 4, \"nOut\": 3, \"activation\": \"SOFTMAX\", \"dropout\": " + dropout + "}]}}",
                "spec.json"));
        assertEquals("spec.json: " + expected, e.getMessage());
    }

    @Test
    void everyExampleSpecReadsAndWritesBackEqual() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("examples"))) {
            List<Path> specs = files.filter(f -> f.toString().endsWith(".json")).toList();
            assertFalse(specs.isEmpty());
            for (Path f : specs) {
                RunSpec spec = SpecJson.read(f);
                assertEquals(spec, SpecJson.parse(SpecJson.write(spec), f.toString()), f.toString());
            }
        }
    }

    @Test
    void theTrainingLoopFieldsReadBackEqual() {
        TrainingSpec t = RunSpec.irisDefault().training().withDropLast(true).withShuffle(false)
                .withValidation(ValidationSpec.fraction(0.25)).withEarlyStopping(new EarlyStoppingSpec(4, 0.001, 2));
        RunSpec spec = RunSpec.irisDefault().withTraining(t);
        assertEquals(spec, SpecJson.parse(SpecJson.write(spec), "test"));
        RunSpec csv = RunSpec.irisDefault().withTraining(RunSpec.irisDefault().training().withValidation(ValidationSpec.csv("v.csv")));
        assertEquals(csv, SpecJson.parse(SpecJson.write(csv), "test"));
        RunSpec read = SpecJson.parse("""
                {"training": {"dropLast": true, "shuffle": false, "validation": {"fraction": 0.2},
                              "earlyStopping": {"patience": 5}}}""", "test");
        assertEquals(new EarlyStoppingSpec(5, 0.0, 1), read.training().earlyStopping());
        assertEquals(ValidationSpec.fraction(0.2), read.training().validation());
        assertTrue(read.training().dropLast());
        assertFalse(read.training().shuffle());
        assertFalse(SpecJson.write(RunSpec.irisDefault()).contains("dropLast"), "defaults are not written");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"dropLast\": 1                                    | training.dropLast: expected true or false, got 1",
        "\"validation\": {\"fraction\": 1.0}                | training.validation.fraction: must be between 0 and 1 (exclusive), got 1.0",
        "\"validation\": {\"fraction\": 0.2, \"csv\": \"v.csv\"} | training.validation: give either \"fraction\" (a seeded hold-out of the dataset) or \"csv\" (a validation file), not both",
        "\"validation\": {}                                 | training.validation: give either \"fraction\" (a seeded hold-out of the dataset) or \"csv\" (a validation file), not neither",
        "\"earlyStopping\": {\"patience\": 3}                | training.earlyStopping: needs validation data; add \"validation\": {\"fraction\": 0.2} or {\"csv\": \"file.csv\"} to \"training\"",
        "\"validation\": {\"fraction\": 0.2}, \"earlyStopping\": {\"minDelta\": 0.1} | training.earlyStopping.patience: missing required field",
        "\"validation\": {\"fraction\": 0.2}, \"earlyStopping\": {\"patience\": -1} | training.earlyStopping.patience: must be at least 0, got -1",
        "\"validation\": {\"fraction\": 0.2}, \"earlyStopping\": {\"patience\": 2, \"minDelta\": -0.1} | training.earlyStopping.minDelta: must be a finite number >= 0, got -0.1",
        "\"validation\": {\"fraction\": 0.2}, \"earlyStopping\": {\"patience\": 2, \"evaluateEvery\": 0} | training.earlyStopping.evaluateEvery: must be at least 1, got 0",
        "\"validation\": {\"fraction\": 0.2}, \"earlyStopping\": {\"patience\": 2, \"every\": 2} | training.earlyStopping: unknown field \"every\" (known: patience, minDelta, evaluateEvery)",
    })
    void badTrainingLoopFieldsAreNamedByPath(String fields, String expected) {
        LockstepException e = assertThrows(LockstepException.class,
                () -> SpecJson.parse("{\"training\": {" + fields + "}}", "spec.json"));
        assertEquals("spec.json: " + expected, e.getMessage());
    }

    @Test
    void missingFieldsTakeTheIrisDefaults() {
        RunSpec spec = SpecJson.parse("{\"training\": {\"epochs\": 2}}", "test");
        RunSpec d = RunSpec.irisDefault();
        assertEquals(d.network(), spec.network());
        assertEquals(d.training().withEpochs(2), spec.training());
        assertEquals("iris  4-16(tanh)-3(softmax)  MCXENT  SGD lr=0.1  batch 16  DOUBLE  seed 42", d.describe());
    }
}
