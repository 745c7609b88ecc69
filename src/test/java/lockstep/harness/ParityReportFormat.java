package lockstep.harness;

import lockstep.report.ParityReport;
/** Test helper: the verdict line of a result, for assertion messages. */
final class ParityReportFormat {
    private ParityReportFormat() {
    }

    static String verdict(LockstepResult r) {
        return ParityReport.verdictLine(r);
    }
}
