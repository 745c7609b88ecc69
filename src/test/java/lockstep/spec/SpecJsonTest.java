package lockstep.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
    void missingFieldsTakeTheIrisDefaults() {
        RunSpec spec = SpecJson.parse("{\"training\": {\"epochs\": 2}}", "test");
        RunSpec d = RunSpec.irisDefault();
        assertEquals(d.network(), spec.network());
        assertEquals(d.training().withEpochs(2), spec.training());
        assertEquals("iris  4-16(tanh)-3(softmax)  MCXENT  SGD lr=0.1  batch 16  DOUBLE  seed 42", d.describe());
    }
}
