package lockstep.engine.train;

import lockstep.data.Batch;
import lockstep.engine.Network;
import lockstep.engine.optim.Optimizer;

/** One training step as the textbook writes it: forward, loss, backward, update. */
public final class MiniBatchStep {
    private final Network network;
    private final Optimizer optimizer;
    private int iteration;

    public MiniBatchStep(Network network, Optimizer optimizer) {
        this.network = network;
        this.optimizer = optimizer;
    }

    public Network network() {
        return network;
    }

    /** Trains on one batch; returns the batch-mean loss before the update. Modifies the network's parameters. */
    public double step(Batch batch) {
        network.forward(batch.features());               // caches z and a per layer
        double loss = network.score(batch.labels());     // (1/B) Σ loss_e
        network.backward(batch.labels());                // dW, db of the mean loss
        optimizer.step(network.parameters(), iteration); // θ -= u
        iteration++;
        return loss;
    }

    public int iteration() {
        return iteration;
    }
}
