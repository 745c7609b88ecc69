package lockstep.cli;

import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import lockstep.LockstepException;
import lockstep.external.ExternalEngine;
import lockstep.harness.AutogradTrainer;
import lockstep.harness.EngineFactory;
import lockstep.spec.RunSpec;

/**
 * The engine a command checks: lockstep's matrix engine ({@code matrix}, the default), its autograd engine
 * ({@code autograd}, the five-line step), a JVM engine (a class implementing {@link EngineFactory}, from
 * {@code --engine-class}), or any other text as the command of an external engine that speaks the engine protocol.
 * Closing it says goodbye to every external process it started; {@link #kill} ends them after a failure.
 */
final class EngineChoice implements AutoCloseable {
    static final String MATRIX = "matrix";
    static final String AUTOGRAD = "autograd";

    private final String name;
    private final EngineFactory builtIn;
    private final String command;
    private final Duration timeout;
    private final List<ExternalEngine> started = new ArrayList<>();

    private EngineChoice(String name, EngineFactory builtIn, String command, Duration timeout) {
        this.name = name;
        this.builtIn = builtIn;
        this.command = command;
        this.timeout = timeout;
    }

    /** The engine {@code engine} names; an external one waits at most {@code timeout} for each answer. */
    static EngineChoice of(String engine, Duration timeout) {
        return switch (engine) {
            case MATRIX -> new EngineChoice(MATRIX, EngineFactory.MATRIX, null, timeout);
            case AUTOGRAD -> new EngineChoice(AUTOGRAD, AutogradTrainer.FACTORY, null, timeout);
            default -> new EngineChoice("'" + engine + "' (engine protocol " + ExternalEngine.PROTOCOL + ")", null, engine,
                    timeout);
        };
    }

    /** The JVM engine {@code className}: a public class with a public no-argument constructor implementing EngineFactory. */
    static EngineChoice ofClass(String className) {
        Class<?> c;
        try {
            c = Class.forName(className, true, EngineChoice.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new LockstepException("--engine-class " + className + ": no such class on the classpath (add its jar"
                    + " with LOCKSTEP_CLASSPATH=path/to/engine.jar)");
        }
        if (!EngineFactory.class.isAssignableFrom(c)) {
            throw new LockstepException("--engine-class " + className + ": does not implement " + EngineFactory.class.getName());
        }
        try {
            EngineFactory factory = (EngineFactory) c.getConstructor().newInstance();
            return new EngineChoice("class " + className, factory, null, null);
        } catch (NoSuchMethodException | IllegalAccessException | InstantiationException e) {
            throw new LockstepException("--engine-class " + className + ": needs a public no-argument constructor");
        } catch (InvocationTargetException e) {
            throw new LockstepException("--engine-class " + className + ": its constructor threw " + e.getCause());
        }
    }

    /**
     * The factory of this engine's sides in the run {@code run} (an external engine is greeted with its spec). One run
     * at a time: the processes of the previous run's external engine are told goodbye first.
     */
    EngineFactory factory(RunSpec run) {
        if (builtIn != null) {
            return builtIn;
        }
        close();
        ExternalEngine e = new ExternalEngine(command, run, timeout);
        started.add(e);
        return e;
    }

    /** True for lockstep's matrix and autograd engines, which gradcheck always compares. */
    boolean isLockstepOwn() {
        return name.equals(MATRIX) || name.equals(AUTOGRAD);
    }

    /** True for lockstep's default matrix engine. */
    boolean isDefault() {
        return name.equals(MATRIX);
    }

    /** "matrix", "autograd", "class NAME" or the external command, for a report's header. */
    String describe() {
        return name;
    }

    /** Ends the external engines' processes without waiting for them (the run already failed). */
    void kill() {
        started.forEach(ExternalEngine::kill);
        started.clear();
    }

    /** Says goodbye to every external engine started; the first that does not exit cleanly is reported. */
    @Override
    public void close() {
        List<ExternalEngine> all = List.copyOf(started);
        started.clear();
        ExternalEngine.closeInTurn(all, ExternalEngine::close, ExternalEngine::kill);
    }
}
