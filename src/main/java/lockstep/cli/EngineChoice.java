package lockstep.cli;

import java.time.Duration;
import lockstep.external.ExternalEngine;
import lockstep.harness.AutogradTrainer;
import lockstep.harness.EngineFactory;
import lockstep.spec.RunSpec;

/**
 * The engine a command checks, from {@code --engine}: lockstep's matrix engine ({@code matrix}, the default), its
 * autograd engine ({@code autograd}, the five-line step), or any other text as the command of an external engine that
 * speaks the engine protocol. Closing it says goodbye to an external engine's processes; {@link #kill} ends them after
 * a failure.
 */
final class EngineChoice implements AutoCloseable {
    static final String MATRIX = "matrix";
    static final String AUTOGRAD = "autograd";

    private final String name;
    private final EngineFactory factory;
    private final ExternalEngine external;

    private EngineChoice(String name, EngineFactory factory, ExternalEngine external) {
        this.name = name;
        this.factory = factory;
        this.external = external;
    }

    /** The engine {@code engine} names for the run {@code run}; an external one waits at most {@code timeout} per answer. */
    static EngineChoice of(String engine, RunSpec run, Duration timeout) {
        return switch (engine) {
            case MATRIX -> new EngineChoice(MATRIX, EngineFactory.MATRIX, null);
            case AUTOGRAD -> new EngineChoice(AUTOGRAD, AutogradTrainer.FACTORY, null);
            default -> {
                ExternalEngine e = new ExternalEngine(engine, run, timeout);
                yield new EngineChoice("'" + engine + "' (engine protocol " + ExternalEngine.PROTOCOL + ")", e, e);
            }
        };
    }

    EngineFactory factory() {
        return factory;
    }

    /** "matrix", "autograd" or the external command, for the report's header. */
    String describe() {
        return name;
    }

    /** Ends an external engine's processes without waiting for them (the run already failed). */
    void kill() {
        if (external != null) {
            external.kill();
        }
    }

    @Override
    public void close() {
        if (external != null) {
            external.close();
        }
    }
}
