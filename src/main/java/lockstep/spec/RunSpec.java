package lockstep.spec;

import java.util.List;

/** Everything a run needs: the data, the network and the training settings. Both sides are built from it. */
public record RunSpec(DataSpec data, NetworkSpec network, TrainingSpec training) {

    /** The built-in default: 4-16-3 on Iris, tanh then softmax, MCXENT, Xavier uniform, SGD 0.1, batch 16, 30 epochs, seed 42, DOUBLE. */
    public static RunSpec irisDefault() {
        NetworkSpec net = new NetworkSpec(
                List.of(new LayerSpec(4, 16, ActivationType.TANH), new LayerSpec(16, 3, ActivationType.SOFTMAX)),
                LossType.MCXENT, WeightInit.XAVIER_UNIFORM, new UpdaterSpec(UpdaterType.SGD, 0.1));
        return new RunSpec(DataSpec.iris(), net, new TrainingSpec(16, 30, 42, lockstep.linalg.DType.DOUBLE));
    }

    public RunSpec withTraining(TrainingSpec t) {
        return new RunSpec(data, network, t);
    }

    public RunSpec withNetwork(NetworkSpec n) {
        return new RunSpec(data, n, training);
    }

    /** One line: data, shape, loss (and its label encoding unless one-hot), updater, batch, type, seed. */
    public String describe() {
        LabelEncoding labels = network.loss().labels();
        return data.describe() + "  " + network.describeShape() + "  " + network.loss()
                + (labels == LabelEncoding.ZERO_ONE ? "" : " (labels " + labels.describe() + ")") + "  "
                + network.updater().describe() + "  batch " + training.batchSize() + "  "
                + training.dataType() + "  seed " + training.seed();
    }
}
