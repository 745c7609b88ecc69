package lockstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/** What a command line printed (stdout, stderr) and its exit code, run through {@link Main#run(PrintWriter, String...)}. */
record CommandOutput(int exitCode, String out, String err) {

    static CommandOutput of(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            code = Main.run(new PrintWriter(err, true), args);
        } finally {
            System.setOut(original);
        }
        return new CommandOutput(code, out.toString(StandardCharsets.UTF_8), err.toString());
    }

    /**
     * Runs a command line that must be refused as bad input and returns its error: exit code 2, one line
     * on stderr starting with {@code error: }, no stack trace.
     */
    static String oneLineError(String... args) {
        CommandOutput r = of(args);
        String text = r.err().strip();
        assertEquals(Main.EXIT_BAD_INPUT, r.exitCode(), () -> "exit code for " + String.join(" ", args) + ", stderr: " + text);
        assertFalse(text.contains("\tat "), () -> "stack trace printed: " + text);
        assertEquals(1, text.lines().count(), () -> "expected one line, got: " + text);
        assertTrue(text.startsWith("error: "), text);
        return text;
    }
}
