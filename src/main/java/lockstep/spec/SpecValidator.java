package lockstep.spec;

import java.util.List;
import lockstep.LockstepException;

/** Checks a {@link RunSpec} for consistency before anything is built; errors name the field and the layer. */
public final class SpecValidator {
    private SpecValidator() {
    }

    /** Returns {@code spec} unchanged, or throws a {@link LockstepException} naming the first problem. */
    public static RunSpec validate(RunSpec spec) {
        validateNetwork(spec.network());
        validateTraining(spec.training());
        return spec;
    }

    static void validateNetwork(NetworkSpec net) {
        List<LayerSpec> layers = net.layers();
        if (layers.isEmpty()) {
            throw new LockstepException("network.layers: a network needs at least one layer");
        }
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec layer = layers.get(i);
            String where = "network.layers[" + i + "] (" + (i == layers.size() - 1 ? "output" : "dense") + ")";
            if (layer.nIn() < 1 || layer.nOut() < 1) {
                throw new LockstepException(where + ": nIn and nOut must be at least 1, got nIn=" + layer.nIn()
                        + " nOut=" + layer.nOut());
            }
            if (i > 0 && layer.nIn() != layers.get(i - 1).nOut()) {
                throw new LockstepException(where + ": nIn=" + layer.nIn() + " but the previous layer (layer "
                        + (i - 1) + ") has nOut=" + layers.get(i - 1).nOut());
            }
        }
        ActivationType out = net.outputLayer().activation();
        if (out == ActivationType.SOFTMAX && net.outputSize() == 1) {
            // DL4J's own output-layer check refuses this too; lockstep turns that check off (see Dl4jNetworks)
            throw new LockstepException("network.layers[" + (layers.size() - 1) + "] (output): a SOFTMAX output layer with"
                    + " nOut=1 always outputs 1; use SIGMOID for one output");
        }
        OutputDomain domain = net.loss().outputs();
        if (!domain.allows(out)) {
            String article = "AEIOU".indexOf(out.name().charAt(0)) >= 0 ? "an " : "a ";
            throw new LockstepException("network.loss: " + net.loss() + " with " + article + out + " output layer is not supported ("
                    + net.loss() + " needs " + domain.describe() + "); use a " + domain.activationList() + " output layer");
        }
        double lr = net.updater().learningRate();
        if (!Double.isFinite(lr) || lr < 0) {
            throw new LockstepException("network.updater.learningRate: must be a finite number >= 0, got " + lr);
        }
    }

    static void validateTraining(TrainingSpec t) {
        if (t.batchSize() < 1) {
            throw new LockstepException("training.batchSize: must be at least 1, got " + t.batchSize());
        }
        if (t.epochs() < 1) {
            throw new LockstepException("training.epochs: must be at least 1, got " + t.epochs());
        }
    }
}
