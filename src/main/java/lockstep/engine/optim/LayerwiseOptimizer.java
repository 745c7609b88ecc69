package lockstep.engine.optim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import lockstep.engine.Parameter;
import lockstep.linalg.DType;
import lockstep.linalg.ElementOps;
import lockstep.linalg.Matrix;
import lockstep.spec.GradientNormalizationSpec;
import lockstep.spec.ParameterKey;
import lockstep.spec.UpdaterSpec;

/**
 * The optimizer of a network whose layers may each have their own update rule, regularisation and
 * gradient normalisation. One step, per DL4J's BaseMultiLayerUpdater and UpdaterBlock:
 * <pre>
 *   g = batch-mean gradient                       (DL4J: raw sum / B)
 *   g = normalise(g)                              per layer
 *   g += l1·sign(θ) + l2·θ                        regularisers before the updater
 *   u = rule(g, state, t)
 *   u += wd·lr·θ                                  weight decay after the updater
 *   θ -= u
 * </pre>
 * Batch normalisation's running statistics skip all of it: their layer hands over the amount to subtract, which
 * DL4J's NoOp updater leaves as it is (not divided by the batch size, not normalised, not regularised).
 */
public final class LayerwiseOptimizer implements Optimizer {

    /**
     * The settings of one layer: its updater (whose learning rate may follow a schedule), the factory
     * that turns an updater spec into its rule, the regularisers and the gradient normalisation.
     */
    public record LayerPlan(UpdaterSpec updater, Function<UpdaterSpec, UpdateRule> rules, List<Regularizer> weights,
                            List<Regularizer> biases, GradientNormalizationSpec normalization, UpdateRule[] fixed) {

        public LayerPlan(UpdaterSpec updater, Function<UpdaterSpec, UpdateRule> rules, List<Regularizer> weights,
                         List<Regularizer> biases, GradientNormalizationSpec normalization) {
            this(updater, rules, weights, biases, normalization, new UpdateRule[1]);
        }

        /** The rule without a schedule, made once (a network has one data type). */
        private UpdateRule fixedRule(DType dtype) {
            if (fixed[0] == null) {
                fixed[0] = rules.apply(inPrecision(updater, dtype));
            }
            return fixed[0];
        }

        /**
         * The rule for this step on parameters of type {@code dtype}: the updater with its learning rate at
         * (iteration, epoch), its hyperparameters rounded to FLOAT in FLOAT as DL4J's ops take them.
         */
        UpdateRule ruleAt(int iteration, int epoch, DType dtype) {
            if (updater.schedule() == null || !updater.type().hasLearningRate()) {
                return fixedRule(dtype);
            }
            return rules.apply(inPrecision(updater.withLearningRate(
                    LearningRateSchedules.valueAt(updater.schedule(), updater.learningRate(), iteration, epoch)), dtype));
        }

        private static UpdaterSpec inPrecision(UpdaterSpec spec, DType dtype) {
            return dtype == DType.FLOAT ? spec.roundedToFloat() : spec;
        }
    }

    private final List<LayerPlan> layers;
    private final List<List<Parameter>> parametersByLayer = new ArrayList<>();
    private final List<List<Matrix>> workByLayer = new ArrayList<>();
    private final Map<String, Matrix[]> states = new LinkedHashMap<>();
    private final Map<String, List<String>> stateNames = new LinkedHashMap<>();

    public LayerwiseOptimizer(List<LayerPlan> layers) {
        this.layers = List.copyOf(layers);
    }

    @Override
    public void step(List<Parameter> parameters, int iteration, int epoch) {
        for (int layer = 0; layer < layers.size(); layer++) {
            LayerPlan plan = layers.get(layer);
            List<Parameter> own = parametersByLayer.get(layer);
            if (own.isEmpty()) {
                continue;                                            // pooling: nothing to train
            }
            UpdateRule rule = plan.ruleAt(iteration, epoch, own.get(0).value().dtype());
            List<Matrix> work = workByLayer.get(layer);         // the trained parameters' update buffers
            for (int k = 0; k < own.size(); k++) {
                own.get(k).update().copyFrom(own.get(k).gradient());   // the update buffer is the working gradient
            }
            GradientNormalizer.apply(plan.normalization(), work);
            for (int k = 0; k < own.size(); k++) {
                Parameter p = own.get(k);
                if (p.key().isRunningStatistic()) {              // DL4J's NoOp: its layer's amount, subtracted as it is
                    ElementOps.subtract(p.value(), p.update());
                    continue;
                }
                List<Regularizer> regs = isBias(p) ? plan.biases() : plan.weights();
                for (int r = 0; r < regs.size(); r++) {
                    if (regs.get(r).beforeUpdater()) {
                        regs.get(r).addToGradient(p.value(), p.update());
                    }
                }
                rule.apply(p.update(), p.update(), stateOf(p, rule), iteration);
                for (int r = 0; r < regs.size(); r++) {
                    if (!regs.get(r).beforeUpdater()) {
                        regs.get(r).addToUpdate(p.value(), p.update(), rule.learningRate());
                    }
                }
                ElementOps.subtract(p.value(), p.update());         // θ -= u
            }
        }
    }

    @Override
    public double penalty(List<Parameter> parameters) {
        double sum = 0.0;
        for (int layer = 0; layer < layers.size(); layer++) {
            List<Parameter> own = parametersByLayer.isEmpty() ? ofLayer(parameters, layer) : parametersByLayer.get(layer);
            for (int k = 0; k < own.size(); k++) {
                Parameter p = own.get(k);
                List<Regularizer> regs = isBias(p) ? layers.get(layer).biases() : layers.get(layer).weights();
                for (int r = 0; r < regs.size(); r++) {
                    sum += regs.get(r).penalty(p.value());
                }
            }
        }
        return sum;
    }

    @Override
    public Map<String, double[]> state() {
        Map<String, double[]> out = new LinkedHashMap<>();
        states.forEach((param, arrays) -> {
            List<String> names = stateNames.get(param);
            for (int k = 0; k < arrays.length; k++) {
                out.put(ParameterKey.stateName(param, names.get(k)), arrays[k].toDoubleArray());
            }
        });
        return out;
    }

    @Override
    public void setState(Map<String, double[]> values) {
        states.forEach((param, arrays) -> {
            List<String> names = stateNames.get(param);
            for (int k = 0; k < arrays.length; k++) {
                String name = ParameterKey.stateName(param, names.get(k));
                double[] v = values.get(name);
                if (v == null || v.length != arrays[k].size()) {
                    throw new IllegalArgumentException("no state of the right size for " + name);
                }
                for (int i = 0; i < v.length; i++) {
                    arrays[k].set(i, v[i]);
                }
            }
        });
    }

    /** Groups the parameters by layer and creates their state at its initial value. Call before the first step. */
    @Override
    public void initialiseState(List<Parameter> parameters) {
        parametersByLayer.clear();
        workByLayer.clear();
        for (int layer = 0; layer < layers.size(); layer++) {
            List<Parameter> own = ofLayer(parameters, layer);
            parametersByLayer.add(own);
            List<Parameter> trained = own.stream().filter(p -> !p.key().isRunningStatistic()).toList();
            workByLayer.add(trained.stream().map(Parameter::update).toList());
            for (Parameter p : trained) {
                stateOf(p, layers.get(layer).ruleAt(0, 0, p.value().dtype()));
            }
        }
    }

    private Matrix[] stateOf(Parameter p, UpdateRule rule) {
        Matrix[] existing = states.get(p.name());
        if (existing != null) {
            return existing;
        }
        return states.computeIfAbsent(p.name(), name -> {
            List<String> names = rule.stateNames();
            stateNames.put(name, names);
            Matrix[] arrays = new Matrix[names.size()];
            for (int k = 0; k < arrays.length; k++) {
                arrays[k] = p.value().like(p.value().rows(), p.value().cols());
                arrays[k].fill(rule.initialState());
            }
            return arrays;
        });
    }

    private static List<Parameter> ofLayer(List<Parameter> parameters, int layer) {
        return parameters.stream().filter(p -> p.key().layer() == layer).toList();
    }

    private static boolean isBias(Parameter p) {
        return p.key().isBias();
    }
}
