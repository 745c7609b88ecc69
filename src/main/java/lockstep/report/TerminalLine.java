package lockstep.report;

import java.io.PrintStream;

/**
 * One status line on a terminal, rewritten in place with \r at most five times a second (a forced
 * draw always shows), padded over what it replaces. Nothing here decides what the line says.
 */
public final class TerminalLine {
    private static final long REDRAW_NANOS = 200_000_000L;
    private final PrintStream err;
    private long lastDraw;
    private boolean drawn;
    private int lastWidth;

    public TerminalLine(PrintStream err) {
        this.err = err;
    }

    /** Whether stderr is a terminal: the launcher says so (LOCKSTEP_STDERR_TTY=1/0); without it, whether the JVM has a console. */
    public static boolean stderrIsTerminal() {
        String env = System.getenv("LOCKSTEP_STDERR_TTY");
        return env != null ? env.equals("1") : System.console() != null;
    }

    /** True when a draw now would show (the last one is old enough, or nothing was drawn yet). */
    public boolean due() {
        return !drawn || System.nanoTime() - lastDraw >= REDRAW_NANOS;
    }

    /** Replaces the line with {@code text}; {@code last} ends it with a newline. */
    public void draw(String text, boolean last) {
        err.print("\r" + text + " ".repeat(Math.max(0, lastWidth - text.length())) + (last ? "\n" : ""));
        err.flush();
        lastDraw = System.nanoTime();
        drawn = !last;
        lastWidth = last ? 0 : text.length();
    }

    /** Blanks the line (so that other output starts on a clean line), if one is shown. */
    public void clear() {
        if (drawn) {
            err.print("\r" + " ".repeat(lastWidth) + "\r");
            err.flush();
            drawn = false;
            lastWidth = 0;
        }
    }
}
