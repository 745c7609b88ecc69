package lockstep.cli;

import java.util.Arrays;

/**
 * Hides DL4J/ND4J start-up logging unless {@code --verbose} is given. slf4j-simple reads its level
 * once, when the first logger is created, so this must run before anything touches DL4J.
 */
final class Logging {
    private Logging() {
    }

    static void configure(String[] args) {
        boolean verbose = Arrays.asList(args).contains("--verbose") || Arrays.asList(args).contains("-v");
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "info" : "error");
        }
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
    }
}
