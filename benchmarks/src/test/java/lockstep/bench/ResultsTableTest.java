package lockstep.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** ResultsTable's reading of JMH's JSON, on hand-written results. */
class ResultsTableTest {

    @Test
    void thePeakIsTheFastestMeasuredIterationNotTheMean() throws Exception {
        var run = new ObjectMapper().readTree("""
                {"benchmark": "lockstep.bench.PeakBenchmark.floatOneThread", "threads": 1, "warmupIterations": 3,
                 "primaryMetric": {"score": 2.0, "scoreUnit": "ns/op", "rawData": [[3.0, 1.0, 2.0]]}}
                """);
        assertEquals(1e-9, ResultsTable.fastestIteration(run), 1e-21);
        double flops = PeakBenchmark.flopsPerCall(false);
        assertEquals(flops / 1e-9 / 1e9, ResultsTable.peakGflops(new ObjectMapper().createArrayNode().add(run))
                .get("floatOneThread"), 1e-6);
    }
}
