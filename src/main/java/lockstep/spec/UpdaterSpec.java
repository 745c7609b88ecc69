package lockstep.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * An updater and its hyperparameters. Fields an updater does not use are ignored (and printed
 * nowhere); {@code learningRate} is NaN for updaters without one.
 *
 * @param decay RmsProp's rmsDecay, AdaDelta's rho
 */
public record UpdaterSpec(UpdaterType type, double learningRate, double momentum, double beta1, double beta2,
                          double epsilon, double decay, ScheduleSpec schedule) {

    public UpdaterSpec(UpdaterType type, double learningRate, double momentum, double beta1, double beta2,
                       double epsilon, double decay) {
        this(type, learningRate, momentum, beta1, beta2, epsilon, decay, null);
    }

    /** {@code type} with DL4J's defaults and the given learning rate. */
    public UpdaterSpec(UpdaterType type, double learningRate) {
        this(type, type.hasLearningRate() ? learningRate : Double.NaN, type.defaults().momentum(),
                type.defaults().beta1(), type.defaults().beta2(), type.defaults().epsilon(), type.defaults().decay());
    }

    public UpdaterSpec withLearningRate(double lr) {
        return new UpdaterSpec(type, lr, momentum, beta1, beta2, epsilon, decay, schedule);
    }

    /**
     * This updater with every hyperparameter rounded to FLOAT, as DL4J's FLOAT updater ops receive them: their
     * arguments are cast to the array type before any arithmetic, so 1 - β2 is 1 - 0.999f, 1.3e-5 away from 0.001.
     */
    public UpdaterSpec roundedToFloat() {
        return new UpdaterSpec(type, (float) learningRate, (float) momentum, (float) beta1, (float) beta2, (float) epsilon,
                (float) decay, schedule);
    }

    /** A learning-rate schedule starting from {@link #learningRate()} (null: a fixed rate). */
    public UpdaterSpec withSchedule(ScheduleSpec s) {
        return new UpdaterSpec(type, learningRate, momentum, beta1, beta2, epsilon, decay, s);
    }

    /** E.g. {@code ADAM lr=0.01 beta1=0.9 beta2=0.999 eps=1e-8}. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        parts.add(type.name());
        if (type.hasLearningRate()) {
            parts.add("lr=" + Specs.number(learningRate) + (schedule == null ? "" : " (" + schedule.describe() + ")"));
        }
        for (String name : usedHyperparameters()) {
            parts.add(name + "=" + Specs.number(hyperparameter(name)));
        }
        return String.join(" ", parts);
    }

    /** The JSON names of the hyperparameters this updater uses, besides the learning rate. */
    public List<String> usedHyperparameters() {
        return switch (type) {
            case SGD, NOOP -> List.of();
            case NESTEROVS -> List.of("momentum");
            case ADAM, ADAMAX, AMSGRAD, NADAM -> List.of("beta1", "beta2", "epsilon");
            case RMSPROP -> List.of("decay", "epsilon");
            case ADAGRAD -> List.of("epsilon");
            case ADADELTA -> List.of("decay", "epsilon");
        };
    }

    public double hyperparameter(String name) {
        return switch (name) {
            case "momentum" -> momentum;
            case "beta1" -> beta1;
            case "beta2" -> beta2;
            case "epsilon" -> epsilon;
            case "decay" -> decay;
            default -> throw new IllegalArgumentException("no hyperparameter " + name);
        };
    }

    /** A copy with one hyperparameter changed (name as in {@link #usedHyperparameters()}). */
    public UpdaterSpec with(String name, double value) {
        return switch (name) {
            case "momentum" -> new UpdaterSpec(type, learningRate, value, beta1, beta2, epsilon, decay, schedule);
            case "beta1" -> new UpdaterSpec(type, learningRate, momentum, value, beta2, epsilon, decay, schedule);
            case "beta2" -> new UpdaterSpec(type, learningRate, momentum, beta1, value, epsilon, decay, schedule);
            case "epsilon" -> new UpdaterSpec(type, learningRate, momentum, beta1, beta2, value, decay, schedule);
            case "decay" -> new UpdaterSpec(type, learningRate, momentum, beta1, beta2, epsilon, value, schedule);
            default -> throw new IllegalArgumentException("no hyperparameter " + name);
        };
    }
}
