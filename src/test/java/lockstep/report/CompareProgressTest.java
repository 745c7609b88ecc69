package lockstep.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lockstep.comparison.TolerancePolicy;
import lockstep.data.Datasets;
import lockstep.engine.EngineComponents;
import lockstep.harness.LockstepResult;
import lockstep.harness.LockstepRun;
import lockstep.report.ParityReport;
import lockstep.spec.RunSpec;
import org.junit.jupiter.api.Test;

/** compare's progress line on a terminal: drawn during an epoch, blanked before the epoch's row. */
class CompareProgressTest {
    @Test
    void theLineShowsTheStepAndIsBlankedBeforeEachEpochRow() {
        RunSpec spec = RunSpec.irisDefault().withTraining(RunSpec.irisDefault().training().withEpochs(2));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream terminal = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        LockstepResult r = new LockstepRun(spec, Datasets.iris(), new EngineComponents(), TolerancePolicy.DOUBLE)
                .run(new CompareProgress(new TerminalLine(terminal), 2, 10, new ParityReport(terminal)));
        assertTrue(r.passed());
        String out = bytes.toString(StandardCharsets.UTF_8);
        // the first step is always drawn (later ones at most five times a second)
        // the first batch's loss on both sides (the free-running engine's and DL4J's)
        assertTrue(Pattern.compile("^\repoch 1/2  step 1/10  loss (\\d\\.\\d{4}) \\(dl4j \\1\\)  worst rel\\. diff 0\\.0e\\+00")
                .matcher(out).find(), out);
        Matcher rows = Pattern.compile("\r( +)\r {4}([12]) {5}10 ").matcher(out);
        int blanked = 0;
        while (rows.find()) {
            blanked++;
            assertEquals(String.valueOf(blanked), rows.group(2), "epoch rows in order, each after a blanked line");
        }
        assertEquals(2, blanked, out);
    }
}
