package lockstep.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import lockstep.LockstepException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report's benchmark ratio table on a hand-written JMH result file, and the per-class accuracy. */
class BenchmarkTableTest {
    @TempDir
    Path dir;

    private static String run(String method, String param, double score, double error, String unit) {
        return """
                {"benchmark": "lockstep.bench.TrainingStepBenchmark.%s", "params": {"network": "%s"},
                 "primaryMetric": {"score": %s, "scoreError": %s, "scoreUnit": "%s"}}""".formatted(method, param, score, error, unit);
    }

    @Test
    void pairsTheEngineWithDl4jAndDividesTheirTimes() throws Exception {
        Path f = Files.writeString(dir.resolve("r.json"), "[" + String.join(",",
                run("engine", "4-16-3", 20.0, 2.0, "us/op"), run("dl4j", "4-16-3", 1.5, 0.3, "ms/op"),
                run("engine", "big", 40.0, 0.0, "ms/op"), run("dl4j", "big", 50.0, 5.0, "ms/op")) + "]");
        String html = BenchmarkTable.html(f);
        // 1.5 ms / 20 µs = 75x; 50 / 40 = 1.25x
        assertTrue(html.contains("<tr><td>TrainingStep 4-16-3</td><td>20.0 µs ±10%</td><td>1.50 ms ±20%</td><td>75x</td></tr>"), html);
        assertTrue(html.contains("<tr><td>TrainingStep big</td><td>40.0 ms ±0%</td><td>50.0 ms ±10%</td><td>1.25x</td></tr>"), html);
    }

    @Test
    void benchmarksWithoutAnEngineMethodGetNoRow() throws Exception {
        Path f = Files.writeString(dir.resolve("r.json"), "[" + String.join(",",
                run("engine", "4-16-3", 20.0, 2.0, "us/op"), run("dl4j", "4-16-3", 1.5, 0.3, "ms/op"),
                """
                {"benchmark": "lockstep.bench.PairedStepBenchmark.step", "params": {"network": "4-16-3"},
                 "primaryMetric": {"score": 700.0, "scoreError": 10.0, "scoreUnit": "us/op"}}""") + "]");
        String html = BenchmarkTable.html(f);
        assertTrue(html.contains("<td>TrainingStep 4-16-3</td>"), html);
        assertTrue(!html.contains("PairedStep"), html);
    }

    @Test
    void aFileThatIsNotJmhJsonIsAnError() throws Exception {
        Path f = Files.writeString(dir.resolve("bad.json"), "{\"not\": \"an array\"}");
        LockstepException e = assertThrows(LockstepException.class, () -> BenchmarkTable.html(f));
        assertEquals(f + ": not a JMH JSON result file (expected an array)", e.getMessage());
    }

    @Test
    void perClassAccuracyIsTheDiagonalOverTheRow() {
        int[][] confusion = {{3, 1, 0}, {0, 0, 0}, {2, 2, 4}};
        List<Double> a = TrainReport.perClassAccuracy(confusion);
        assertEquals(0.75, a.get(0));
        assertTrue(a.get(1).isNaN(), "no example of class 1");
        assertEquals(0.5, a.get(2));
    }
}
