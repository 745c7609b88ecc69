package lockstep.cli;

import lockstep.linalg.DType;
import lockstep.spec.TrainingSpec;
import picocli.CommandLine.Option;

/** The command-line overrides of a spec's training settings that compare and train share (a picocli mixin). */
final class TrainingOverrides {

    @Option(names = "--dtype", paramLabel = "TYPE", description = "Override the data type: FLOAT or DOUBLE.")
    DType dtype;

    @Option(names = "--epochs", paramLabel = "N", description = "Override the number of epochs.")
    Integer epochs;

    @Option(names = "--seed", paramLabel = "N", description = "Override the seed (initial weights, shuffling, splits).")
    Long seed;

    @Option(names = "--batch", paramLabel = "B", description = "Override the mini-batch size.")
    Integer batch;

    /** {@code t} with every override that was given applied. */
    TrainingSpec apply(TrainingSpec t) {
        if (dtype != null) {
            t = t.withDataType(dtype);
        }
        if (epochs != null) {
            t = t.withEpochs(epochs);
        }
        if (seed != null) {
            t = t.withSeed(seed);
        }
        if (batch != null) {
            t = t.withBatchSize(batch);
        }
        return t;
    }
}
