package lockstep.harness;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import lockstep.comparison.StepSnapshot;
import lockstep.data.Batch;
import lockstep.engine.EngineComponents;
import lockstep.engine.Parameter;
import lockstep.engine.autograd.AutogradOptimizer;
import lockstep.engine.autograd.Criterion;
import lockstep.engine.autograd.Sequential;
import lockstep.engine.autograd.Tensor;
import lockstep.linalg.DType;
import lockstep.linalg.Matrix;
import lockstep.spec.NetworkSpec;
import lockstep.spec.ParameterKey;

/** The autograd engine as a lockstep {@link Trainer}: each step is the five-line step. */
public final class AutogradTrainer implements Trainer {
    /** Builds the autograd engine of a spec (for {@link LockstepRun#withEngine}). */
    public static final EngineFactory FACTORY = AutogradTrainer::of;

    private final Sequential model;
    private final Criterion criterion;
    private final AutogradOptimizer optimizer;

    public AutogradTrainer(Sequential model, Criterion criterion, AutogradOptimizer optimizer) {
        this.model = model;
        this.criterion = criterion;
        this.optimizer = optimizer;
    }

    /** The spec's model (weights from the seed, as the matrix engine's), loss and optimizer, from {@code components}. */
    public static AutogradTrainer of(NetworkSpec network, DType dtype, long seed, EngineComponents components) {
        return of(Sequential.from(network, dtype, seed, components), network, components);
    }

    /** A given model (e.g. one with a planted bug) with the spec's loss and optimizer. */
    public static AutogradTrainer of(Sequential model, NetworkSpec network, EngineComponents components) {
        return new AutogradTrainer(model, new Criterion(components.loss(network.loss())),
                new AutogradOptimizer(model.parameters(), components.optimizer(network)));
    }

    public Sequential model() {
        return model;
    }

    @Override
    public String name() {
        return "autograd";
    }

    /**
     * The five-line step; returns the score before the update (batch-mean loss plus regularisation
     * penalty, as DL4J's score()). Modifies the parameters, their gradients and the optimizer's state.
     */
    @Override
    public Map<String, double[]> dropoutMasks() {
        Map<String, double[]> out = new java.util.LinkedHashMap<>();
        for (lockstep.engine.autograd.Module m : model.modules()) {
            if (m instanceof lockstep.engine.autograd.Dropout d && d.lastMask() != null) {
                out.put(ParameterKey.dropoutName(d.layer()), d.lastMask().toDoubleArray());
            }
        }
        return out;
    }

    @Override
    public Map<String, double[]> droppedInputs() {
        Map<String, double[]> out = new java.util.LinkedHashMap<>();
        for (lockstep.engine.autograd.Module m : model.modules()) {
            if (m instanceof lockstep.engine.autograd.Dropout d && d.lastOutput() != null) {
                out.put(ParameterKey.dropoutName(d.layer()), d.lastOutput().toDoubleArray());
            }
        }
        return out;
    }

    @Override
    public StepSnapshot step(Batch batch) {
        optimizer.zeroGrad();
        model.setIteration(optimizer.iteration());      // this step's dropout masks, also after re-anchoring
        Tensor out = model.forward(Tensor.constant(batch.features()));
        Tensor loss = criterion.apply(out, batch.labels());
        double score = loss.item() + optimizer.penalty();
        loss.backward();
        optimizer.step();
        return new StepSnapshot(score, collect(Parameter::gradient), collect(Parameter::update), parameters(),
                updaterState());
    }

    @Override
    public void setEpoch(int epoch) {
        optimizer.setEpoch(epoch);
    }

    @Override
    public Map<String, double[]> parameters() {
        return collect(Parameter::value);
    }

    @Override
    public Map<String, int[]> parameterShapes() {
        return Parameter.shapes(model.parameters());
    }

    @Override
    public void setParameters(Map<String, double[]> values) {
        for (Parameter p : model.parameters()) {
            double[] v = values.get(p.name());
            if (v == null || v.length != p.value().size()) {
                throw new IllegalArgumentException("no values of the right size for parameter " + p.name());
            }
            for (int i = 0; i < v.length; i++) {
                p.value().set(i, v[i]);
            }
        }
    }

    @Override
    public Map<String, double[]> updaterState() {
        return optimizer.state();
    }

    @Override
    public void setUpdaterState(Map<String, double[]> state) {
        optimizer.setState(state);
    }

    /** Each parameter's gradient as a row-major array (what the last backward() calls accumulated). */
    public Map<String, double[]> gradients() {
        return collect(Parameter::gradient);
    }

    private Map<String, double[]> collect(Function<Parameter, Matrix> part) {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (Parameter p : model.parameters()) {
            out.put(p.name(), part.apply(p).toDoubleArray());
        }
        return out;
    }
}
