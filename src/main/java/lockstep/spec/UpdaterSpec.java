package lockstep.spec;

/** An updater and its learning rate. */
public record UpdaterSpec(UpdaterType type, double learningRate) {

    public UpdaterSpec withLearningRate(double lr) {
        return new UpdaterSpec(type, lr);
    }

    public String describe() {
        return type + " lr=" + Specs.number(learningRate);
    }
}
