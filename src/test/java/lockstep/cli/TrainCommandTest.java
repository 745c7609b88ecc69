package lockstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lockstep train}: its output, its JSON summary, CSV data through --data, and bad input. */
class TrainCommandTest {
    @TempDir
    Path dir;

    private static JsonNode json(String... args) throws IOException {
        CommandOutput r = CommandOutput.of(args);
        assertEquals(Main.EXIT_PASS, r.exitCode(), r.out() + r.err());
        return new ObjectMapper().readTree(r.out());
    }

    private String errorOf(String... args) {
        return CommandOutput.oneLineError(args);
    }

    @Test
    void irisTrainingPrintsTheRunTheTableAndTheAgreement() {
        CommandOutput r = CommandOutput.of("train", "--both", "--epochs", "5");
        String out = r.out();
        assertEquals(Main.EXIT_PASS, r.exitCode(), out);
        assertTrue(out.startsWith("lockstep train  iris  4-16(tanh)-3(softmax)"), out);
        assertTrue(out.contains("120 training examples, 30 test examples (a seeded 80/20 hold-out)"), out);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("engine  ")), out);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("dl4j    ")), out);
        assertTrue(out.contains("engine and dl4j predict the same class for 100.00% of the test examples"), out);
    }

    /** Both sides get --threads (default 1), and DL4J's count goes back to what it was after the run. */
    @Test
    void bothSidesTrainOnTheSameThreadCount() throws IOException {
        int before = lockstep.dl4j.Nd4jRuntime.threadCount();
        JsonNode j = json("train", "--both", "--json", "--epochs", "1", "--threads", "3");
        assertEquals(3, j.get("threads").asInt());
        assertEquals(before, lockstep.dl4j.Nd4jRuntime.threadCount(), "restored after the run");
        assertEquals(1, json("train", "--both", "--json", "--epochs", "1").get("threads").asInt());
        assertTrue(CommandOutput.oneLineError("train", "--threads", "0").contains("--threads: must be at least 1"));
    }

    @Test
    void jsonSummaryCarriesTheSpecAndBothSides() throws IOException {
        JsonNode j = json("train", "--both", "--json", "--epochs", "3", "--seed", "7");
        assertEquals("train", j.get("command").asText());
        assertEquals(7, j.get("spec").get("training").get("seed").asInt());
        assertEquals(3, j.get("spec").get("training").get("epochs").asInt());
        assertEquals(120, j.get("trainExamples").asInt());
        assertEquals(30, j.get("testExamples").asInt());
        for (String side : new String[] {"engine", "dl4j"}) {
            JsonNode s = j.get(side);
            assertEquals(3, s.get("epochLoss").size());
            assertEquals(30, s.get("tested").asInt());
            assertEquals(s.get("correct").asInt() / 30.0, s.get("testAccuracy").asDouble(), 1e-12);
            assertTrue(s.get("trainSeconds").asDouble() > 0);
        }
        assertEquals(1.0, j.get("predictionAgreement").asDouble());
    }

    /** The same Iris rows from a CSV file through --data (and so DataVec) train exactly as the embedded set. */
    @Test
    void csvDataThroughDataVecTrainsExactlyAsTheEmbeddedIris() throws IOException {
        Path csv = dir.resolve("iris.csv");
        try (InputStream in = getClass().getResourceAsStream("/lockstep/data/iris.csv")) {
            Files.write(csv, in.readAllBytes());
        }
        JsonNode embedded = json("train", "--json", "--epochs", "4");
        JsonNode file = json("train", "--json", "--epochs", "4", "--data", csv.toString(), "--label-column", "4");
        assertEquals(embedded.get("engine").get("epochLoss"), file.get("engine").get("epochLoss"));
        assertEquals(embedded.get("engine").get("correct"), file.get("engine").get("correct"));
        assertEquals(csv.toString(), file.get("spec").get("dataset").get("csv").asText());
        assertEquals(3, file.get("spec").get("dataset").get("classes").asInt());   // the output layer's nOut
    }

    @Test
    void unknownDataset() {
        String e = errorOf("train", "--dataset", "mnist");
        assertTrue(e.contains("--dataset: unknown dataset \"mnist\" (known: iris, fashion-mnist;"), e);
    }

    @Test
    void missingDataDirSaysToInstallThePackage() {
        Path missing = dir.resolve("no-fashion-here");
        String e = errorOf("train", "--dataset", "fashion-mnist", "--data-dir", missing.toString());
        assertTrue(e.contains("fashion-mnist: data directory " + missing + " not found; install the Debian package"
                + " dataset-fashion-mnist (apt-get install -y dataset-fashion-mnist)"), e);
    }

    @Test
    void aDataDirWithoutTheFilesNamesTheMissingFile() {
        String e = errorOf("train", "--dataset", "fashion-mnist", "--data-dir", dir.toString());
        assertTrue(e.contains(dir.resolve("train-images-idx3-ubyte.gz") + ": file not found"), e);
    }

    @Test
    void dataDirWithoutFashionMnist() {
        String e = errorOf("train", "--data-dir", dir.toString());
        assertTrue(e.contains("--data-dir applies to fashion-mnist only; the dataset is iris"), e);
    }

    @Test
    void dataWithoutLabelColumn() {
        String e = errorOf("train", "--data", "x.csv");
        assertTrue(e.contains("--data x.csv: needs --label-column K"), e);
    }

    @Test
    void missingCsvFile() {
        String e = errorOf("train", "--data", dir.resolve("none.csv").toString(), "--label-column", "4");
        assertTrue(e.contains("none.csv: data file not found"), e);
    }

    @Test
    void datasetAndDataTogether() {
        String e = errorOf("train", "--dataset", "iris", "--data", "x.csv", "--label-column", "0");
        assertTrue(e.contains("--dataset and --data exclude each other"), e);
    }

    @Test
    void fashionMnistWithTheDefaultIrisNetworkPointsToASpec() {
        lockstep.data.RealFashionMnist.requireInstalled();
        String e = errorOf("train", "--dataset", "fashion-mnist", "--limit", "10", "--test-limit", "10");
        assertTrue(e.contains("dataset fashion-mnist train has 784 features but network.layers[0] has nIn=4"
                + " (without --spec the network is the Iris default; pass --spec, e.g. examples/fashion-mnist-mlp.json)"), e);
    }
}
