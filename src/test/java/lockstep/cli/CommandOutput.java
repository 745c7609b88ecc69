package lockstep.cli;

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
}
