package lockstep.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * The {@code lockstep} command line. Exit codes: 0 PASS, 1 FAIL (a divergence, or a planted bug
 * not caught), 2 bad input (flags, spec, data), 3 internal error.
 */
@Command(name = "lockstep", mixinStandardHelpOptions = true, version = "lockstep 0.1.0",
        description = "Trains a network with a from-scratch engine and with DL4J side by side and checks, step by step, that they agree.",
        subcommands = {CompareCommand.class, SelftestCommand.class, CoverageCommand.class, TrainCommand.class,
                GradcheckCommand.class, DemoCommand.class, RecordCommand.class, VerifyCommand.class,
                ExploreCommand.class})
public final class Main implements Runnable {
    public static final int EXIT_PASS = 0;
    public static final int EXIT_FAIL = 1;
    public static final int EXIT_BAD_INPUT = 2;
    public static final int EXIT_INTERNAL = 3;
    /** An external engine broke the engine protocol (docs/engine-protocol.md). */
    public static final int EXIT_ENGINE = 4;

    public static void main(String[] args) {
        Logging.configure(args);
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code. */
    public static int run(String... args) {
        return run(new PrintWriter(System.err, true), args);
    }

    /** Runs the command line with errors going to {@code err}; returns the exit code (used by tests). */
    public static int run(PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setErr(err);
        cli.setExitCodeExceptionMapper(ErrorHandler::exitCode);
        cli.setExecutionExceptionHandler(new ErrorHandler());
        cli.setParameterExceptionHandler(ErrorHandler::onBadFlags);
        return cli.execute(args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
