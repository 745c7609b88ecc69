package lockstep.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input gets one clear line on stderr naming what and where, exit code 2, and no stack trace. */
class BadInputTest {
    @TempDir
    Path dir;

    private static final String VALID_NETWORK = """
            "network": {"layers": [{"nIn": 4, "nOut": 16, "activation": "TANH"},
                                   {"nIn": 16, "nOut": 3, "activation": "SOFTMAX"}],
                        "loss": "MCXENT", "weightInit": "XAVIER_UNIFORM",
                        "updater": {"type": "SGD", "learningRate": 0.1}}""";

    private String errorOf(String... args) {
        return CommandOutput.oneLineError(args);
    }

    private String spec(String json) throws IOException {
        Path f = dir.resolve("spec.json");
        Files.writeString(f, json);
        return f.toString();
    }

    @Test
    void missingSpecFile() {
        String e = errorOf("compare", "--spec", dir.resolve("nope.json").toString());
        assertTrue(e.contains("nope.json: spec file not found"), e);
    }

    @Test
    void malformedSpecFile() throws IOException {
        String e = errorOf("compare", "--spec", spec("{ \"network\": { \"layers\": [ }"));
        assertTrue(e.contains("spec.json: malformed JSON at line 1"), e);
    }

    @Test
    void nInThatDoesNotMatchThePreviousLayer() throws IOException {
        String e = errorOf("compare", "--spec", spec("""
                {"network": {"layers": [{"nIn": 4, "nOut": 16, "activation": "TANH"},
                                        {"nIn": 8, "nOut": 3, "activation": "SOFTMAX"}]}}"""));
        assertTrue(e.contains("network.layers[1] (output): nIn=8 but the previous layer (layer 0) has nOut=16"), e);
    }

    @Test
    void unknownActivation() throws IOException {
        String e = errorOf("compare", "--spec", spec("""
                {"network": {"layers": [{"nIn": 4, "nOut": 3, "activation": "TANHH"}]}}"""));
        assertTrue(e.contains("network.layers[0].activation: unknown activation \"TANHH\" (known: IDENTITY, SIGMOID, TANH"), e);
    }

    @Test
    void unknownLoss() throws IOException {
        String e = errorOf("compare", "--spec", spec("{\"network\": {\"loss\": \"CROSSENTROPY\"}}"));
        assertTrue(e.contains("network.loss: unknown loss \"CROSSENTROPY\" (known: MCXENT, NEGATIVELOGLIKELIHOOD, MSE, L1, L2,"), e);
    }

    @Test
    void unknownUpdater() throws IOException {
        String e = errorOf("compare", "--spec", spec("{\"network\": {\"updater\": {\"type\": \"ADAMW\"}}}"));
        assertTrue(e.contains("network.updater.type: unknown updater \"ADAMW\""), e);
    }

    @Test
    void misspeltField() throws IOException {
        String e = errorOf("compare", "--spec", spec("{\"training\": {\"batchsize\": 8}}"));
        assertTrue(e.contains("training: unknown field \"batchsize\" (known: batchSize, epochs, seed, dataType, dropLast, shuffle, validation,"
                + " earlyStopping)"), e);
    }

    @Test
    void unknownWeightDistribution() throws IOException {
        String e = errorOf("compare", "--spec", spec("""
                {"network": {"layers": [{"nIn": 4, "nOut": 16, "activation": "TANH"},
                                        {"nIn": 16, "nOut": 3, "activation": "SOFTMAX", "weightInit": {"distribution": "cauchy"}}]}}"""));
        assertTrue(e.contains("spec.json: network.layers[1].weightInit.distribution: unknown distribution \"cauchy\""
                + " (known: normal, uniform, truncated_normal)"), e);
    }

    @Test
    void identityInitOfANonSquareLayer() throws IOException {
        String e = errorOf("compare", "--spec", spec("{\"network\": {\"weightInit\": \"IDENTITY\"}}"));
        assertTrue(e.contains("network.layers[0] (dense): weight init IDENTITY needs a square W (nIn = nOut), got nIn=4 nOut=16"), e);
    }

    @Test
    void labelsThatDoNotMatchTheOutputSize() throws IOException {
        String e = errorOf("compare", "--spec", spec("""
                {"network": {"layers": [{"nIn": 4, "nOut": 16, "activation": "TANH"},
                                        {"nIn": 16, "nOut": 4, "activation": "SOFTMAX"}]}}"""));
        assertTrue(e.contains("dataset iris has 3 classes but the output layer (network.layers[1]) has nOut=4"), e);
    }

    @Test
    void nanInTheData() throws IOException {
        Path csv = dir.resolve("data.csv");
        Files.writeString(csv, "1.0,2.0,3.0,4.0,0\n5.0,NaN,1.0,2.0,1\n");
        String e = errorOf("compare", "--spec", spec("{\"dataset\": {\"csv\": \"" + csv + "\", \"labelColumn\": 4, \"classes\": 3},"
                + VALID_NETWORK + "}"));
        assertTrue(e.contains("data.csv: line 2, column 1: NaN is not a finite number"), e);
    }

    @Test
    void nonPositiveBatchSize() {
        String e = errorOf("compare", "--batch", "0");
        assertTrue(e.contains("training.batchSize: must be at least 1, got 0"), e);
    }

    @Test
    void nonPositiveBatchSizeInTheSpec() throws IOException {
        String e = errorOf("compare", "--spec", spec("{\"training\": {\"batchSize\": -4}}"));
        assertTrue(e.contains("training.batchSize: must be at least 1, got -4"), e);
    }

    @Test
    void badFlagValue() {
        String e = errorOf("compare", "--epochs", "many");
        assertTrue(e.contains("'many'") && e.contains("--epochs"), e);
    }

    @Test
    void unknownFlag() {
        String e = errorOf("compare", "--nope");
        assertTrue(e.contains("Unknown option: '--nope'"), e);
    }

    @Test
    void unknownInitSource() {
        String e = errorOf("compare", "--init-from", "both");
        assertTrue(e.contains("Invalid value for option '--init-from': expected seed, engine or dl4j, got 'both'"), e);
    }

    @Test
    void unknownDtype() {
        String e = errorOf("compare", "--dtype", "HALF");
        assertTrue(e.contains("HALF") && e.contains("FLOAT, DOUBLE"), e);
    }

    @Test
    void mcxentWithAnOutputOutsideZeroOneIsRefusedNotMiscomputed() throws IOException {
        String e = errorOf("compare", "--spec", spec("""
                {"network": {"layers": [{"nIn": 4, "nOut": 3, "activation": "TANH"}], "loss": "MCXENT"}}"""));
        assertTrue(e.contains("network.loss: MCXENT with a TANH output layer is not supported (MCXENT needs outputs in (0,1));"
                + " use a SIGMOID or SOFTMAX output layer"), e);
    }

    @Test
    void poissonWithAnOutputThatCanBeNegativeIsRefused() throws IOException {
        String e = errorOf("compare", "--spec", spec("""
                {"network": {"layers": [{"nIn": 4, "nOut": 3, "activation": "IDENTITY"}], "loss": "POISSON"}}"""));
        assertTrue(e.contains("network.loss: POISSON with an IDENTITY output layer is not supported (POISSON needs outputs > 0);"
                + " use a SIGMOID, SOFTPLUS or SOFTMAX output layer"), e);
    }

    @Test
    void softmaxWithOneOutputIsRefused() throws IOException {
        String e = errorOf("compare", "--spec", spec("""
                {"network": {"layers": [{"nIn": 4, "nOut": 1, "activation": "SOFTMAX"}]}}"""));
        assertTrue(e.contains("network.layers[0] (output): a SOFTMAX output layer with nOut=1 always outputs 1;"), e);
    }

    @Test
    void anUnsupportedDl4jLayerIsRefusedByName() throws IOException {
        String e = errorOf("compare", "--spec", spec("""
                {"network": {"layers": [{"type": "lstm", "nIn": 4, "nOut": 3, "activation": "SOFTMAX"}]}}"""));
        assertTrue(e.contains("network.layers[0].type: LSTM layers are not supported: lockstep has dense, convolution,"
                + " subsampling and batchNormalization layers"), e);
    }

    @Test
    void aConvolutionWithoutImagesOrAKernelIsRefusedNamingTheLayer() throws IOException {
        String noKernel = errorOf("compare", "--spec", spec("""
                {"network": {"inputType": {"height": 2, "width": 2, "channels": 1}, "layers": [
                  {"type": "convolution", "nIn": 1, "nOut": 3, "activation": "RELU"},
                  {"nIn": 12, "nOut": 3, "activation": "SOFTMAX"}]}}"""));
        assertTrue(noKernel.contains("network.layers[0].kernel: required: [rows, columns]"), noKernel);
        String noImages = errorOf("compare", "--spec", spec("""
                {"network": {"layers": [
                  {"type": "convolution", "nIn": 4, "nOut": 3, "activation": "RELU", "kernel": [1, 1]},
                  {"nIn": 3, "nOut": 3, "activation": "SOFTMAX"}]}}"""));
        assertTrue(noImages.contains("network.layers[0] (convolution) needs images: set network.inputType"), noImages);
        String misfit = errorOf("compare", "--spec", spec("""
                {"network": {"inputType": {"height": 2, "width": 2, "channels": 1}, "layers": [
                  {"type": "convolution", "nIn": 1, "nOut": 3, "activation": "RELU", "kernel": [1, 1]},
                  {"nIn": 4, "nOut": 3, "activation": "SOFTMAX"}]}}"""));
        assertTrue(misfit.contains("network.layers[1] (dense): nIn=4 but the previous layer gives 3x2x2 = 12"), misfit);
        String samePadded = errorOf("compare", "--spec", spec("""
                {"network": {"inputType": {"height": 2, "width": 2, "channels": 1}, "layers": [
                  {"type": "convolution", "nIn": 1, "nOut": 3, "activation": "RELU", "kernel": [1, 1], "padding": [1, 0],
                   "convolutionMode": "SAME"},
                  {"nIn": 12, "nOut": 3, "activation": "SOFTMAX"}]}}"""));
        assertTrue(samePadded.contains("network.layers[0] (convolution).padding: convolutionMode SAME computes its own"
                + " padding (DL4J refuses padding with it)"), samePadded);
    }

    @Test
    void anUnknownLayerTypeIsRefused() throws IOException {
        String e = errorOf("compare", "--spec", spec("""
                {"network": {"layers": [{"type": "wobbly", "nIn": 4, "nOut": 3, "activation": "SOFTMAX"}]}}"""));
        assertTrue(e.contains("unknown layer type \"wobbly\""), e);
    }
}
