package lockstep.report;

import java.io.PrintStream;
import java.util.Locale;
import lockstep.harness.TrainingRun;

/**
 * Training progress on stderr: epoch, step, mean loss so far and examples per second of each side.
 * On a terminal one line is rewritten in place (\r, at most five times a second); otherwise (a log, a
 * pipe) one line is printed per epoch. The launcher tells whether stderr is a terminal
 * (LOCKSTEP_STDERR_TTY=1/0); without it, whether the JVM has a console.
 */
public final class ProgressLine implements TrainingRun.Listener {
    private final PrintStream err;
    private final TerminalLine line;

    /** @param terminal whether err is a terminal ({@link TerminalLine#stderrIsTerminal()}) */
    public ProgressLine(PrintStream err, boolean terminal) {
        this.err = err;
        this.line = terminal ? new TerminalLine(err) : null;
    }

    @Override
    public void onStep(TrainingRun.Progress p) {
        if (line == null) {
            if (p.endOfEpoch()) {
                err.println(format(p));
                err.flush();
            }
            return;
        }
        if (line.due() || p.endOfEpoch()) {
            line.draw(format(p), p.endOfEpoch() && p.epoch() == p.epochs());
        }
    }

    static String format(TrainingRun.Progress p) {
        String epochs = String.valueOf(p.epochs());
        String steps = String.valueOf(p.steps());
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "epoch %" + epochs.length() + "d/%s  step %"
                + steps.length() + "d/%s  loss %.4f", p.epoch(), epochs, p.step(), steps, p.engineLoss()));
        boolean both = !Double.isNaN(p.dl4jLoss());
        if (both) {
            s.append(String.format(Locale.ROOT, " (dl4j %.4f)", p.dl4jLoss()));
        }
        s.append(String.format(Locale.ROOT, "  %s examples/s", rate(p.rate(p.engineSeconds()))));
        if (both) {
            s.append(String.format(Locale.ROOT, " (dl4j %s)", rate(p.rate(p.dl4jSeconds()))));
        }
        return s.toString();
    }

    private static String rate(double r) {
        return Double.isNaN(r) ? "-" : String.format(Locale.ROOT, "%.0f", r);
    }
}
