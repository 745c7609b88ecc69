package lockstep.cli;

import java.io.PrintStream;
import java.util.Locale;
import lockstep.harness.TrainingRun;

/**
 * Training progress on stderr: epoch, step, mean loss so far and examples per second of each side.
 * On a terminal one line is rewritten in place (\r, at most five times a second); otherwise (a log, a
 * pipe) one line is printed per epoch. The launcher tells whether stderr is a terminal
 * (LOCKSTEP_STDERR_TTY=1/0); without it, whether the JVM has a console.
 */
final class ProgressLine implements TrainingRun.Listener {
    private static final long REDRAW_NANOS = 200_000_000L;
    private final PrintStream err;
    private final boolean terminal;
    private long lastDraw;
    private boolean drawn;
    private int lastWidth;

    ProgressLine(PrintStream err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    static boolean stderrIsTerminal() {
        String env = System.getenv("LOCKSTEP_STDERR_TTY");
        return env != null ? env.equals("1") : System.console() != null;
    }

    @Override
    public void onStep(TrainingRun.Progress p) {
        if (!terminal) {
            if (p.endOfEpoch()) {
                err.println(format(p));
                err.flush();
            }
            return;
        }
        long now = System.nanoTime();
        boolean last = p.endOfEpoch() && p.epoch() == p.epochs();
        if (drawn && now - lastDraw < REDRAW_NANOS && !p.endOfEpoch()) {
            return;
        }
        lastDraw = now;
        drawn = true;
        String line = format(p);
        err.print("\r" + line + " ".repeat(Math.max(0, lastWidth - line.length())) + (last ? "\n" : ""));
        err.flush();
        lastWidth = line.length();
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
