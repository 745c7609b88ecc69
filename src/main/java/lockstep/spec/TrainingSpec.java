package lockstep.spec;

import lockstep.linalg.DType;

/** How to train: mini-batch size, number of epochs, the one seed all randomness derives from, and the data type. */
public record TrainingSpec(int batchSize, int epochs, long seed, DType dataType) {

    public TrainingSpec withBatchSize(int b) {
        return new TrainingSpec(b, epochs, seed, dataType);
    }

    public TrainingSpec withEpochs(int e) {
        return new TrainingSpec(batchSize, e, seed, dataType);
    }

    public TrainingSpec withSeed(long s) {
        return new TrainingSpec(batchSize, epochs, s, dataType);
    }

    public TrainingSpec withDataType(DType d) {
        return new TrainingSpec(batchSize, epochs, seed, d);
    }
}
