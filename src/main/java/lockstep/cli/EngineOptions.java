package lockstep.cli;

import java.time.Duration;
import java.util.function.Function;
import lockstep.LockstepException;
import picocli.CommandLine.Option;

/** {@code --engine}, {@code --engine-class} and {@code --engine-timeout} (mixed in): which engine a command checks. */
final class EngineOptions {
    @Option(names = "--engine", paramLabel = "ENGINE",
            description = {"The engine checked: matrix (default: lockstep's own), autograd (its five-line step), or",
                    "the command of a program that speaks the engine protocol (docs/engine-protocol.md),",
                    "e.g. '/usr/bin/python3 examples/engines/numpy_mlp.py'."})
    String engine = EngineChoice.MATRIX;

    @Option(names = "--engine-class", paramLabel = "CLASS",
            description = {"A JVM engine: a class implementing lockstep.harness.EngineFactory, with a public",
                    "no-argument constructor, on the classpath (./lockstep adds LOCKSTEP_CLASSPATH)."})
    String engineClass;

    @Option(names = "--engine-timeout", paramLabel = "SECONDS",
            description = "How long an external engine may take to answer one message before it is killed (default 60).")
    int engineTimeout = 60;

    /** The chosen engine; the caller closes it. */
    EngineChoice open() {
        if (engineTimeout <= 0) {
            throw new LockstepException("--engine-timeout: must be > 0 seconds, got " + engineTimeout);
        }
        if (engineClass != null) {
            if (!engine.equals(EngineChoice.MATRIX)) {
                throw new LockstepException("--engine and --engine-class exclude each other");
            }
            return EngineChoice.ofClass(engineClass);
        }
        return EngineChoice.of(engine, Duration.ofSeconds(engineTimeout));
    }

    /**
     * Runs {@code body} with the chosen engine and returns its result: the engine is closed after it (goodbye to its
     * external processes) or, when it throws, killed.
     */
    <T> T using(Function<EngineChoice, T> body) {
        EngineChoice choice = open();
        T result;
        try {
            result = body.apply(choice);
        } catch (RuntimeException e) {
            choice.kill();
            throw e;
        }
        choice.close();
        return result;
    }
}
