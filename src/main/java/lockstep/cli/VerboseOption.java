package lockstep.cli;

import picocli.CommandLine.Option;

/**
 * The {@code -v/--verbose} flag every command accepts (mixed in). Nothing reads the field: {@link Logging} looks for
 * the flag in the arguments before picocli parses them (logging is set up before DL4J loads), and {@link ErrorHandler}
 * asks the parse result whether it matched.
 */
public final class VerboseOption {
    @Option(names = {"-v", "--verbose"}, description = "Show DL4J/ND4J logging and stack traces.")
    boolean verbose;
}
