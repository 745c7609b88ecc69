package lockstep.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The paired ratios, their intervals and the verdicts, on hand-worked numbers. */
class PairedResultTest {

    /** One fork of four measured iterations: engine 10 ops in 1000 ns, DL4J 1 in 5000, engine 10 in 3000, DL4J 1 in 4000. */
    private static JsonNode run() throws Exception {
        return new ObjectMapper().readTree("""
                {"benchmark": "lockstep.bench.PairedStepBenchmark.step", "params": {"network": "4-16(tanh)-3/B16"},
                 "secondaryMetrics": {
                   "engineNanos": {"rawData": [[1000, 0, 3000, 0]]}, "engineOps": {"rawData": [[10, 0, 10, 0]]},
                   "otherNanos": {"rawData": [[0, 5000, 0, 4000]]}, "otherOps": {"rawData": [[0, 1, 0, 1]]}}}
                """);
    }

    @Test
    void adjacentIterationsFormOnePairOfMeanOperationTimes() throws Exception {
        PairedResult p = PairedResult.of(run());
        assertEquals("PairedStepBenchmark", p.benchmark());
        assertEquals("4-16(tanh)-3/B16", p.params());
        assertEquals(2, p.pairs().size());
        assertEquals(100e-9, p.pairs().get(0)[0], 1e-18);
        assertEquals(5000e-9, p.pairs().get(0)[1], 1e-18);
        Interval r = p.otherOverEngine();    // samples 50 and 13.33
        assertEquals(31.6667, r.mean(), 1e-4);
        // sd = 36.667 / sqrt(2) = 25.927; half width = t(1 df) 12.706 * 25.927 / sqrt(2) = 232.94
        assertEquals(31.6667 - 232.94, r.low(), 1e-2);
        assertEquals(31.6667 + 232.94, r.high(), 1e-2);
        assertEquals((0.02 + 0.075) / 2, p.engineOverOther().mean(), 1e-12);
    }

    @Test
    void aPairInWhichASideRanNothingIsDropped() throws Exception {
        JsonNode run = run();
        ((com.fasterxml.jackson.databind.node.ArrayNode) run.path("secondaryMetrics").path("otherOps").path("rawData").get(0))
                .set(3, 0);
        assertEquals(1, PairedResult.of(run).pairs().size());
    }

    @Test
    void theIntervalIsStudentsTAtNinetyFivePercent() {
        Interval i = Interval.of(List.of(1.0, 2.0, 3.0));    // mean 2, variance 1, t(2 df) = 4.303
        assertEquals(2, i.mean(), 1e-12);
        assertEquals(2 - 4.303 / Math.sqrt(3), i.low(), 1e-12);
        assertEquals(2 + 4.303 / Math.sqrt(3), i.high(), 1e-12);
        assertEquals(Double.NaN, Interval.of(List.of(5.0)).low());
    }

    @Test
    void aTargetIsMetOnlyWhenTheWholeIntervalIsOnItsSide() {
        Interval x = new Interval(10, 8, 12, 9);
        assertEquals(Targets.Verdict.MET, Targets.judge(x, 7, true));
        assertEquals(Targets.Verdict.UNSURE, Targets.judge(x, 9, true));
        assertEquals(Targets.Verdict.MISSED, Targets.judge(x, 13, true));
        assertEquals(Targets.Verdict.MET, Targets.judge(x, 13, false));
        assertEquals(Targets.Verdict.UNSURE, Targets.judge(x, 11, false));
        assertEquals(Targets.Verdict.MISSED, Targets.judge(x, 7, false));
        assertEquals(Targets.Verdict.MISSED, Targets.judge(new Interval(10, Double.NaN, Double.NaN, 1), 11, true));
    }
}
