package lockstep.external;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import lockstep.LockstepException;

/**
 * One running copy of an external engine: the user's command started with {@code /bin/sh -c}, spoken to on its
 * standard input and output. Every wait is bounded by the timeout; every way the program can fail (exit, hang,
 * garbage) becomes an {@link EngineFault} naming what it was answering. Its standard error is drained and its last
 * line kept for the message.
 */
final class EngineProcess implements AutoCloseable {
    private final String command;
    private final Duration timeout;
    private final Process process;
    private final OutputStream toEngine;
    private final InputStream fromEngine;
    private final ExecutorService reader;
    /** What the program had started when it first answered (helpers in its shell's background): killed with it. */
    private List<ProcessHandle> family;
    private final Thread errors;
    private volatile String lastErrorLine = "";

    /** Starts {@code command}. Throws a {@link LockstepException} when it cannot be started. */
    EngineProcess(String command, Duration timeout) {
        this.command = command;
        this.timeout = timeout;
        try {
            process = new ProcessBuilder("/bin/sh", "-c", command).start();
        } catch (IOException e) {
            throw new LockstepException("--engine: cannot start '" + command + "': " + e.getMessage());
        }
        toEngine = new BufferedOutputStream(process.getOutputStream(), 1 << 16);
        fromEngine = new BufferedInputStream(process.getInputStream(), 1 << 16);
        reader = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "engine-reader");
            t.setDaemon(true);
            return t;
        });
        errors = new Thread(this::drainErrors, "engine-stderr");
        errors.setDaemon(true);
        errors.start();
    }

    /** Sends {@code message}; {@code what} (e.g. "step 3") names it in the fault if the engine is gone. */
    void send(EngineMessage message, String what) {
        try {
            message.writeTo(toEngine);
        } catch (IOException e) {
            throw exited("before reading " + what);
        }
    }

    /**
     * The engine's next message, answering {@code what}; an {@code error} message, the end of its output, garbage or
     * no answer within the timeout is an {@link EngineFault}.
     */
    EngineMessage receive(String what) {
        EngineMessage m = receiveAny(what);
        if (m.type().equals("error")) {
            throw new EngineFault(errorText(m, what));
        }
        return m;
    }

    /** "engine error at {@code what}: the message". */
    static String errorText(EngineMessage error, String what) {
        return "engine error at " + what + ": " + error.fields().path("message").asText("(no message)");
    }

    /** As {@link #receive}, but an {@code error} message is returned, not thrown. */
    EngineMessage receiveAny(String what) {
        Future<EngineMessage> next = reader.submit(() -> EngineMessage.readFrom(fromEngine, what));
        EngineMessage m;
        try {
            m = next.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            next.cancel(true);
            destroy();
            throw new EngineFault("engine did not answer " + what + " within " + timeout.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineFault("interrupted while waiting for the engine's answer to " + what);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof EngineFault fault) {
                throw fault;
            }
            if (cause instanceof EOFException) {
                throw exited("before answering " + what);
            }
            throw new EngineFault("cannot read the engine's answer to " + what + ": " + cause);
        }
        if (family == null) {
            family = process.descendants().toList();
        }
        return m;
    }

    /**
     * Says goodbye and waits for the program to exit with code 0; kills it if it does not within the timeout. Whatever
     * it started and left running (a process in the background of its shell) is killed too: no orphans.
     */
    @Override
    public void close() {
        List<ProcessHandle> started = family();   // after its exit they are no longer its descendants
        try {
            if (process.isAlive()) {
                try {
                    EngineMessage.of("bye").writeTo(toEngine);
                    toEngine.close();
                } catch (IOException e) {
                    // already gone: the exit code below says how
                }
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    destroy();
                    throw new EngineFault("engine did not exit within " + timeout.toSeconds() + " s of \"bye\"");
                }
                if (process.exitValue() != 0) {
                    throw new EngineFault("engine exited with code " + process.exitValue() + " after \"bye\"" + lastError());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        } finally {
            started.forEach(ProcessHandle::destroyForcibly);
            reader.shutdownNow();
        }
    }

    /** Kills the program and whatever it started, without a goodbye (after another failure). */
    void kill() {
        destroy();
        reader.shutdownNow();
    }

    private void destroy() {
        family().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** Its descendants now and those it had at its first answer. */
    private List<ProcessHandle> family() {
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        if (family != null) {
            family.stream().filter(p -> !all.contains(p)).forEach(all::add);
        }
        return all;
    }

    private EngineFault exited(String when) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                destroy();
                return new EngineFault("engine closed its output " + when + " but did not exit");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new EngineFault("engine exited with code " + process.exitValue() + " " + when + lastError());
    }

    private String lastError() {
        try {
            errors.join(1000);   // the program has exited: let its last words arrive
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String line = lastErrorLine;
        return line.isEmpty() ? " (nothing on its stderr)" : "; its last stderr line: " + EngineMessage.shortened(line);
    }

    private void drainErrors() {
        try (BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line = err.readLine(); line != null; line = err.readLine()) {
                if (!line.isBlank()) {
                    lastErrorLine = line;
                }
            }
        } catch (IOException e) {
            // the program is gone
        }
    }

    @Override
    public String toString() {
        return command;
    }
}
