package lockstep.report;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import lockstep.harness.EpochSummary;
import lockstep.harness.LockstepResult;

/**
 * {@code compare --also-builtin}: the engine under check and lockstep's own matrix engine, each run against DL4J on
 * the same spec, side by side per epoch (losses and the worst step difference), then each one's verdict. When your
 * engine fails where lockstep's passes, the difference is in your engine, not in the oracle.
 */
public final class SideBySideReport {
    private final PrintStream out;

    public SideBySideReport(PrintStream out) {
        this.out = out;
    }

    /** Prints the table and both verdicts; {@code checked} is the engine under check's run, {@code builtin} lockstep's. */
    public void print(LockstepResult checked, LockstepResult builtin) {
        out.println();
        out.println("beside it, lockstep's own matrix engine on the same run (--also-builtin):");
        out.println("epoch  engine loss   builtin loss  dl4j loss     worst step diff: engine   builtin");
        List<EpochSummary> a = checked.epochs();
        List<EpochSummary> b = builtin.epochs();
        boolean partial = false;
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            EpochSummary e = i < a.size() ? a.get(i) : null;
            EpochSummary m = i < b.size() ? b.get(i) : null;
            EpochSummary dl4j = m != null ? m : e;
            boolean cut = e != null && m != null && e.steps() != m.steps();   // a run that stopped within this epoch
            partial |= cut;
            out.println(String.format(Locale.ROOT, "%5d  %-12s  %-12s  %-12s  %16s  %-8s  %s", dl4j.epoch(),
                    e == null ? "-" : ParityReport.loss(e.engineLoss()) + (cut ? "*" : ""),
                    m == null ? "-" : ParityReport.loss(m.engineLoss()), ParityReport.loss(dl4j.dl4jLoss()), "",
                    e == null ? "-" : ParityReport.err(e.worstStep()), m == null ? "-" : ParityReport.err(m.worstStep()))
                    .stripTrailing());
        }
        if (partial) {
            out.println("* over the steps before the run stopped, not the whole epoch");
        }
        out.println("engine   " + ParityReport.verdictLine(checked));
        out.println("builtin  " + ParityReport.verdictLine(builtin));
        if (!checked.passed() && builtin.passed()) {
            out.println("lockstep's own engine passes this run: the difference is in the engine under check.");
        }
    }
}
