package lockstep.spec;

/**
 * Parameter update rules; names are DL4J's updater classes in upper case. Each carries DL4J's
 * default hyperparameters, used when a spec leaves one out.
 */
public enum UpdaterType {
    /** u = lr·g. */
    SGD(1e-3, 0, 0, 0, 0),
    /** Nesterov momentum: v' = μv - lr·g, u = μv - (1+μ)v'. */
    NESTEROVS(0.1, 0.9, 0, 0, 0),
    ADAM(1e-3, 0, 0.9, 0.999, 1e-8),
    ADAMAX(1e-3, 0, 0.9, 0.999, 1e-8),
    AMSGRAD(1e-3, 0, 0.9, 0.999, 1e-8),
    NADAM(1e-3, 0, 0.9, 0.999, 1e-8),
    /** decay is RmsProp's rmsDecay. */
    RMSPROP(0.1, 0, 0, 0, 1e-8, 0.95),
    ADAGRAD(0.1, 0, 0, 0, 1e-6),
    /** No learning rate; decay is rho. */
    ADADELTA(Double.NaN, 0, 0, 0, 1e-6, 0.95),
    /** No updater: DL4J then subtracts the gradient itself (u = g), so parameters do change. */
    NOOP(Double.NaN, 0, 0, 0, 0);

    private final UpdaterSpec defaults;

    UpdaterType(double lr, double momentum, double beta1, double beta2, double epsilon) {
        this(lr, momentum, beta1, beta2, epsilon, 0);
    }

    UpdaterType(double lr, double momentum, double beta1, double beta2, double epsilon, double decay) {
        this.defaults = new UpdaterSpec(this, lr, momentum, beta1, beta2, epsilon, decay);
    }

    /** The spec with DL4J's default hyperparameters for this updater. */
    public UpdaterSpec defaults() {
        return defaults;
    }

    /** False for ADADELTA and NOOP, which have no learning rate. */
    public boolean hasLearningRate() {
        return !Double.isNaN(defaults.learningRate());
    }
}
