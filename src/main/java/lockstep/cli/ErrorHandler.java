package lockstep.cli;

import java.io.PrintWriter;
import lockstep.LockstepException;
import lockstep.UnsupportedSpec;
import lockstep.external.EngineFault;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine;

/** Turns every failure into one line on stderr and an exit code; a stack trace only with --verbose. */
final class ErrorHandler implements IExecutionExceptionHandler {

    static int exitCode(Throwable t) {
        if (t instanceof EngineFault || t instanceof UnsupportedSpec) {
            return Main.EXIT_ENGINE;
        }
        return t instanceof LockstepException ? Main.EXIT_BAD_INPUT : Main.EXIT_INTERNAL;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        boolean verbose = parseResult.hasMatchedOption("--verbose");
        if (ex instanceof LockstepException) {
            err.println("error: " + ex.getMessage());
            err.flush();
            return exitCode(ex);
        }
        err.println("internal error: " + ex + (verbose ? "" : " (run with --verbose for the stack trace)"));
        if (verbose) {
            ex.printStackTrace(err);
        }
        err.flush();
        return Main.EXIT_INTERNAL;
    }

    static int onBadFlags(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("error: " + ex.getMessage() + " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')");
        err.flush();
        return Main.EXIT_BAD_INPUT;
    }
}
