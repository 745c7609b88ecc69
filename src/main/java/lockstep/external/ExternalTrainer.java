package lockstep.external;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import lockstep.comparison.StepSnapshot;
import lockstep.data.Batch;
import lockstep.harness.Trainer;
import lockstep.io.NpyArray;
import lockstep.io.NpyType;
import lockstep.linalg.DType;
import lockstep.rand.MaskSource;
import lockstep.spec.LayerSpec;
import lockstep.spec.NetworkSpec;
import lockstep.spec.ParameterKey;

/**
 * One copy of an external engine as a lockstep side: it holds what the harness last set or the engine last reported
 * (parameters, updater state), sends a {@code set} before the next step when the harness changed them, and turns each
 * {@code result} into a {@link StepSnapshot}. The engine reports no update (it is the parameters' change) and may
 * report no updater state; those are null in the snapshot, and not compared.
 */
final class ExternalTrainer implements Trainer {
    private final EngineProcess engine;
    private final NetworkSpec network;
    private final DType dtype;
    private final MaskSource masks;
    private final Map<String, int[]> shapes;
    private Map<String, double[]> parameters;
    private Map<String, double[]> state;
    private boolean changed;
    private int iteration;
    private int epoch;
    private Map<String, double[]> lastMasks = Map.of();

    /** A started copy that has answered {@code hello}; {@code masks} gives the dropout arrays it is sent. */
    ExternalTrainer(EngineProcess engine, NetworkSpec network, DType dtype, MaskSource masks, Map<String, int[]> shapes,
                    Map<String, double[]> parameters, Map<String, double[]> state) {
        this.engine = engine;
        this.network = network;
        this.dtype = dtype;
        this.masks = masks;
        this.shapes = shapes;
        this.parameters = parameters;
        this.state = state;
    }

    @Override
    public String name() {
        return "engine";
    }

    @Override
    public Map<String, double[]> parameters() {
        return parameters;
    }

    @Override
    public Map<String, int[]> parameterShapes() {
        return shapes;
    }

    @Override
    public void setParameters(Map<String, double[]> values) {
        parameters = new LinkedHashMap<>(values);
        changed = true;
    }

    @Override
    public Map<String, double[]> updaterState() {
        return state;
    }

    @Override
    public void setUpdaterState(Map<String, double[]> values) {
        state = new LinkedHashMap<>(values);
        changed = true;
    }

    @Override
    public void setEpoch(int epoch) {
        this.epoch = epoch;
    }

    @Override
    public Map<String, double[]> dropoutMasks() {
        return lastMasks;
    }

    /** Sends a pending {@code set}, then the batch; reads and checks the answer. Modifies this side's parameters and state. */
    @Override
    public StepSnapshot step(Batch batch) {
        int step = iteration + 1;
        String what = "step " + step;
        if (changed) {
            engine.send(ExternalEngine.withState(EngineMessage.of("set"), parameters, state, shapes, dtype), "the set before " + what);
            changed = false;
        }
        int b = batch.size();
        EngineMessage message = EngineMessage.of("step").with("step", step).with("epoch", epoch).with("iteration", iteration)
                .withArray("features", array(batch.features().toDoubleArray(), b, network.inputSize()))
                .withArray("labels", array(batch.labels().toDoubleArray(), b, network.outputSize()));
        Map<String, double[]> drawn = new LinkedHashMap<>();
        for (int layer = 0; layer < network.layers().size(); layer++) {
            LayerSpec l = network.layers().get(layer);
            if (l.dropout() != null) {
                double[] mask = masks.mask(layer, iteration, b, l.nIn());
                drawn.put(ParameterKey.dropoutName(layer), mask);
                message.withArray("dropout:" + layer, array(mask, b, l.nIn()));
            }
        }
        engine.send(message, what);
        EngineMessage answer = engine.receive(what);
        if (!answer.type().equals("result")) {
            throw new EngineFault("engine answered " + what + " with \"" + answer.type() + "\", expected \"result\"");
        }
        JsonNode answered = answer.fields().path("step");
        if (!answered.canConvertToInt() || answered.asInt() != step) {
            throw new EngineFault("engine's result answers step " + answered + ", expected " + step);
        }
        iteration++;
        lastMasks = drawn;
        Answer a = new Answer(answer, what);
        double loss = a.values("loss", null, true)[0];
        Map<String, double[]> gradients = a.all("grad:", shapes);
        Map<String, double[]> after = a.all("param:", shapes);
        Map<String, double[]> stateAfter = null;
        if (!state.isEmpty() && answer.arrays().keySet().stream().anyMatch(k -> k.startsWith("state:"))) {
            stateAfter = a.all("state:", stateShapes());
        }
        parameters = after;
        if (stateAfter != null) {
            state = stateAfter;
        }
        return new StepSnapshot(loss, gradients, null, after, stateAfter);
    }

    /** Each state array has its parameter's shape. */
    private Map<String, int[]> stateShapes() {
        Map<String, int[]> out = new LinkedHashMap<>();
        for (String key : state.keySet()) {
            out.put(key, shapes.get(ParameterKey.parse(key).name()));
        }
        return out;
    }

    private NpyArray array(double[] values, int rows, int cols) {
        return ExternalEngine.array(dtype, new int[] {rows, cols}, values);
    }

    /** The arrays of one result, checked against the names, shapes and type they must have. */
    private final class Answer {
        private final EngineMessage message;
        private final String what;

        Answer(EngineMessage message, String what) {
            this.message = message;
            this.what = what;
        }

        Map<String, double[]> all(String prefix, Map<String, int[]> expected) {
            Map<String, double[]> out = new LinkedHashMap<>();
            expected.forEach((name, shape) -> out.put(name, values(prefix + name, shape, false)));
            return out;
        }

        /** The array {@code name}: of shape {@code shape}, or a scalar (shape () or (1,)) when {@code scalar}. */
        double[] values(String name, int[] shape, boolean scalar) {
            NpyArray a = message.arrays().get(name);
            if (a == null) {
                throw new EngineFault("engine's answer to " + what + " has no " + name + " (it sent "
                        + message.arrays().keySet() + ")");
            }
            NpyType type = ExternalEngine.npyType(dtype);
            if (a.type() != type) {
                throw new EngineFault("engine's answer to " + what + ": " + name + " is " + a.type().descr() + ", expected "
                        + type.descr() + " in a " + dtype + " run");
            }
            boolean fits = scalar ? a.size() == 1 && a.shape().length <= 1 : java.util.Arrays.equals(a.shape(), shape);
            if (!fits) {
                throw new EngineFault("engine's answer to " + what + ": " + name + " has shape " + NpyArray.pythonShape(a.shape())
                        + ", expected " + (scalar ? "() or (1,)" : NpyArray.pythonShape(shape)));
            }
            return a.toDoubles();
        }
    }
}
