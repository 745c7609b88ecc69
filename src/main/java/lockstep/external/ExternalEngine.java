package lockstep.external;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import lockstep.UnsupportedSpec;
import lockstep.engine.EngineComponents;
import lockstep.engine.init.InitialDraw;
import lockstep.harness.EngineFactory;
import lockstep.harness.Trainer;
import lockstep.io.NpyArray;
import lockstep.io.NpyType;
import lockstep.linalg.DType;
import lockstep.spec.NetworkSpec;
import lockstep.spec.ParameterKey;
import lockstep.spec.RunSpec;
import lockstep.spec.SpecJson;

/**
 * An engine outside lockstep, reached through the engine protocol (docs/engine-protocol.md): each side the harness asks
 * for is a new copy of the user's program, greeted with the spec, the data type and the starting state. The starting
 * state (initial parameters from the seed, the updater's initial state) and the dropout arrays are lockstep's draw of
 * DL4J's, which step 0 and the mask check compare with DL4J's own. A copy that answers {@code hello} with an
 * {@code error} does not do what the spec asks: that is an {@link UnsupportedSpec}. Closing says goodbye to every copy.
 */
public final class ExternalEngine implements EngineFactory, AutoCloseable {
    /** The protocol version this lockstep speaks. */
    public static final int PROTOCOL = 1;

    private final String command;
    private final RunSpec run;
    private final Duration timeout;
    private final List<EngineProcess> started = new ArrayList<>();

    /** Copies of {@code command} for the run {@code run}, each answer awaited at most {@code timeout}. */
    public ExternalEngine(String command, RunSpec run, Duration timeout) {
        this.command = command;
        this.run = run;
        this.timeout = timeout;
    }

    @Override
    public Trainer create(NetworkSpec network, DType dtype, long seed, EngineComponents components) {
        Trainer start = EngineFactory.MATRIX.create(network, dtype, seed, components);   // the starting state, drawn from the seed
        Map<String, int[]> shapes = start.parameterShapes();
        EngineProcess engine = new EngineProcess(command, timeout);
        started.add(engine);
        EngineMessage hello = EngineMessage.of("hello").with("protocol", PROTOCOL).with("dtype", dtype.name());
        try {
            hello.with("spec", EngineMessage.JSON.readTree(SpecJson.write(new RunSpec(run.data(), network, run.training()))));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the spec does not read back as JSON", e);
        }
        engine.send(withState(hello, start.parameters(), start.updaterState(), shapes, dtype), "hello");
        EngineMessage ready = engine.receiveAny("hello");
        if (ready.type().equals("error")) {   // it does not do what the spec asks
            started.remove(engine);
            engine.kill();
            throw new UnsupportedSpec(EngineProcess.errorText(ready, "hello"));
        }
        if (!ready.type().equals("ready")) {
            throw new EngineFault("engine answered hello with \"" + ready.type() + "\", expected \"ready\"");
        }
        int version = ready.fields().path("protocol").asInt(-1);
        if (version != PROTOCOL) {
            throw new EngineFault("engine answered hello in protocol " + ready.fields().path("protocol")
                    + "; lockstep speaks " + PROTOCOL);
        }
        return new ExternalTrainer(engine, network, dtype, InitialDraw.of(network, dtype, seed).masks(), shapes,
                start.parameters(), start.updaterState());
    }

    /** Says goodbye to every copy; the first that does not exit cleanly is reported, the others are killed. */
    @Override
    public void close() {
        List<EngineProcess> all = List.copyOf(started);
        started.clear();
        closeInTurn(all, EngineProcess::close, EngineProcess::kill);
    }

    /**
     * Closes each of {@code all} in turn with {@code close}; once one fails, the rest are ended with {@code kill}, and
     * the first failure is thrown.
     */
    public static <T> void closeInTurn(List<T> all, Consumer<T> close, Consumer<T> kill) {
        RuntimeException first = null;
        for (T t : all) {
            try {
                if (first == null) {
                    close.accept(t);
                } else {
                    kill.accept(t);
                }
            } catch (RuntimeException failure) {
                first = failure;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** Kills every copy without a goodbye (the run already failed). */
    public void kill() {
        started.forEach(EngineProcess::kill);
        started.clear();
    }

    /** Adds {@code param:<name>} for every parameter and {@code state:<name>} for every updater state array. Returns {@code m}. */
    static EngineMessage withState(EngineMessage m, Map<String, double[]> parameters, Map<String, double[]> state,
                                   Map<String, int[]> shapes, DType dtype) {
        parameters.forEach((name, values) -> m.withArray("param:" + name, array(dtype, shapes.get(name), values)));
        state.forEach((name, values) -> m.withArray("state:" + name,
                array(dtype, shapes.get(ParameterKey.parse(name).name()), values)));
        return m;
    }

    static NpyArray array(DType dtype, int[] shape, double[] values) {
        return NpyArray.ofFloatingPoint(npyType(dtype), shape, values);
    }

    static NpyType npyType(DType dtype) {
        return dtype == DType.FLOAT ? NpyType.F4 : NpyType.F8;
    }
}
