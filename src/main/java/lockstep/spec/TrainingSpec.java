package lockstep.spec;

import lockstep.linalg.DType;

/**
 * How to train: mini-batch size, number of epochs, the one seed all randomness derives from, and the data type;
 * whether the last, partial batch of an epoch is dropped ({@code dropLast}; kept by default, as DL4J's iterators
 * keep it) and whether every epoch visits the examples in a new seeded order ({@code shuffle}, the default) or in
 * dataset order; optional validation data ({@code validation}, null: none) and early stopping
 * ({@code earlyStopping}, null: none; {@code epochs} is then the maximum number of epochs).
 */
public record TrainingSpec(int batchSize, int epochs, long seed, DType dataType, boolean dropLast, boolean shuffle,
                           ValidationSpec validation, EarlyStoppingSpec earlyStopping) {

    /** Every epoch shuffled, the partial last batch kept, no validation, no early stopping. */
    public TrainingSpec(int batchSize, int epochs, long seed, DType dataType) {
        this(batchSize, epochs, seed, dataType, false, true, null, null);
    }

    public TrainingSpec withBatchSize(int b) {
        return new TrainingSpec(b, epochs, seed, dataType, dropLast, shuffle, validation, earlyStopping);
    }

    public TrainingSpec withEpochs(int e) {
        return new TrainingSpec(batchSize, e, seed, dataType, dropLast, shuffle, validation, earlyStopping);
    }

    public TrainingSpec withSeed(long s) {
        return new TrainingSpec(batchSize, epochs, s, dataType, dropLast, shuffle, validation, earlyStopping);
    }

    public TrainingSpec withDataType(DType d) {
        return new TrainingSpec(batchSize, epochs, seed, d, dropLast, shuffle, validation, earlyStopping);
    }

    public TrainingSpec withDropLast(boolean drop) {
        return new TrainingSpec(batchSize, epochs, seed, dataType, drop, shuffle, validation, earlyStopping);
    }

    public TrainingSpec withShuffle(boolean s) {
        return new TrainingSpec(batchSize, epochs, seed, dataType, dropLast, s, validation, earlyStopping);
    }

    public TrainingSpec withValidation(ValidationSpec v) {
        return new TrainingSpec(batchSize, epochs, seed, dataType, dropLast, shuffle, v, earlyStopping);
    }

    public TrainingSpec withEarlyStopping(EarlyStoppingSpec es) {
        return new TrainingSpec(batchSize, epochs, seed, dataType, dropLast, shuffle, validation, es);
    }
}
