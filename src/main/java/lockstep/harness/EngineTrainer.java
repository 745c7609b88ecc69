package lockstep.harness;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import lockstep.comparison.StepSnapshot;
import lockstep.data.Batch;
import lockstep.engine.Network;
import lockstep.engine.Parameter;
import lockstep.engine.layers.DenseLayer;
import lockstep.engine.layers.Layer;
import lockstep.engine.train.MiniBatchStep;
import lockstep.linalg.Matrix;
import lockstep.spec.ParameterKey;

/** The from-scratch engine as a lockstep {@link Trainer}. */
public final class EngineTrainer implements Trainer {
    private final MiniBatchStep step;

    public EngineTrainer(MiniBatchStep step) {
        this.step = step;
    }

    public Network network() {
        return step.network();
    }

    @Override
    public String name() {
        return "engine";
    }

    @Override
    public Map<String, double[]> parameters() {
        return step.network().parameterValues();
    }

    @Override
    public Map<String, int[]> parameterShapes() {
        return Parameter.shapes(step.network().parameters());
    }

    @Override
    public void setParameters(Map<String, double[]> values) {
        step.network().setParameterValues(values);
    }

    @Override
    public void setEpoch(int epoch) {
        step.setEpoch(epoch);
    }

    @Override
    public Map<String, double[]> updaterState() {
        return step.optimizer().state();
    }

    @Override
    public void setUpdaterState(Map<String, double[]> state) {
        step.optimizer().setState(state);
    }

    @Override
    public Map<String, double[]> dropoutMasks() {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (Layer l : step.network().layers()) {
            if (l instanceof DenseLayer layer && layer.dropoutMask() != null) {
                out.put(ParameterKey.dropoutName(layer.index()), layer.dropoutMask().toDoubleArray());
            }
        }
        return out;
    }

    @Override
    public Map<String, double[]> droppedInputs() {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (Layer l : step.network().layers()) {
            if (l instanceof DenseLayer layer && layer.droppedInput() != null) {
                out.put(ParameterKey.dropoutName(layer.index()), layer.droppedInput().toDoubleArray());
            }
        }
        return out;
    }

    @Override
    public StepSnapshot step(Batch batch) {
        double loss = step.step(batch);
        return new StepSnapshot(loss, collect(Parameter::gradient), collect(Parameter::update), parameters(),
                updaterState());
    }

    private Map<String, double[]> collect(Function<Parameter, Matrix> part) {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (Parameter p : step.network().parameters()) {
            out.put(p.name(), part.apply(p).toDoubleArray());
        }
        return out;
    }
}
