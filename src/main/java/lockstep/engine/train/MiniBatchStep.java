package lockstep.engine.train;

import lockstep.data.Batch;
import lockstep.engine.Network;
import lockstep.engine.optim.Optimizer;

/** One training step as the textbook writes it: forward, loss, backward, update. */
public final class MiniBatchStep {
    private final Network network;
    private final Optimizer optimizer;
    private int iteration;
    private int epoch;

    public MiniBatchStep(Network network, Optimizer optimizer) {
        this.network = network;
        this.optimizer = optimizer;
        optimizer.initialiseState(network.parameters());
    }

    public Network network() {
        return network;
    }

    /**
     * Trains on one batch; returns the score before the update: the batch-mean loss plus the
     * regularisation penalty, as DL4J's score(). Modifies the parameters and the optimizer's state.
     */
    public double step(Batch batch) {
        network.setIteration(iteration);                 // selects this step's dropout masks
        network.forward(batch.features());               // caches z and a per layer
        double loss = network.score(batch.labels())      // (1/B) Σ loss_e
                + optimizer.penalty(network.parameters());
        network.backward(batch.labels());                // dW, db of the mean loss
        optimizer.step(network.parameters(), iteration, epoch); // θ -= u
        iteration++;
        return loss;
    }

    /** The 0-based epoch the next steps belong to (for epoch-based learning-rate schedules). */
    public void setEpoch(int epoch) {
        this.epoch = epoch;
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    public int iteration() {
        return iteration;
    }
}
