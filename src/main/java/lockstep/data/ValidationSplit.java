package lockstep.data;

import java.nio.file.Path;
import java.util.Arrays;
import lockstep.LockstepException;
import lockstep.rand.SplitMix64;
import lockstep.spec.DataSpec;
import lockstep.spec.ValidationSpec;

/**
 * The training examples and the validation examples of a run. With a fraction, the validation examples are a
 * seeded random subset of the dataset chosen before training: a Fisher–Yates shuffle drawn from (seed,
 * {@link #VALIDATION_STREAM}) picks the first round(n·fraction) examples (at least 1, at most n-1); both parts
 * keep dataset order, and they are disjoint. With a CSV file, every dataset example trains and the file,
 * in the dataset's format, validates.
 *
 * @param trainingIndices   the dataset indices of the training examples (all of them for a CSV file)
 * @param validationIndices the dataset indices of the validation examples (empty for a CSV file)
 */
public record ValidationSplit(Dataset training, Dataset validation, int[] trainingIndices, int[] validationIndices) {
    /** Stream label that keeps the validation draw independent of initialisation and shuffling. */
    static final long VALIDATION_STREAM = 0x56414C4944L;

    /** The split a validation spec asks for; {@code spec} null: all of {@code data} trains, validation null. */
    public static ValidationSplit of(Dataset data, DataSpec dataSpec, ValidationSpec spec, long seed) {
        int[] all = range(data.size());
        if (spec == null) {
            return new ValidationSplit(data, null, all, new int[0]);
        }
        if (spec.isSplit()) {
            return holdOut(data, spec.fraction(), seed);
        }
        Dataset validation = CsvDatasetReader.read(Path.of(spec.csv()), dataSpec.labelColumn(), dataSpec.classes());
        if (validation.featureCount() != data.featureCount()) {
            throw new LockstepException(spec.csv() + ": validation data has " + validation.featureCount()
                    + " features, the dataset " + data.featureCount());
        }
        return new ValidationSplit(data, validation, all, new int[0]);
    }

    /** A seeded hold-out of round(n·fraction) examples (at least 1, at most n-1). */
    public static ValidationSplit holdOut(Dataset data, double fraction, long seed) {
        int n = data.size();
        if (n < 2) {
            throw new LockstepException("dataset " + data.name() + ": " + n + " example(s); holding out validation"
                    + " examples needs at least 2");
        }
        int[] order = range(n);
        SplitMix64 rng = SplitMix64.stream(seed, VALIDATION_STREAM);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int size = Math.max(1, Math.min(n - 1, (int) Math.round(n * fraction)));
        int[] validation = Arrays.copyOfRange(order, 0, size);
        int[] training = Arrays.copyOfRange(order, size, n);
        Arrays.sort(validation);
        Arrays.sort(training);
        return new ValidationSplit(select(data, data.name() + " training", training), select(data,
                data.name() + " validation", validation), training, validation);
    }

    /** The examples at {@code indices}, in that order, as a new dataset. */
    static Dataset select(Dataset data, String name, int[] indices) {
        int f = data.featureCount();
        double[] x = new double[indices.length * f];
        int[] classes = new int[indices.length];
        for (int r = 0; r < indices.length; r++) {
            for (int c = 0; c < f; c++) {
                x[r * f + c] = data.feature(indices[r], c);
            }
            classes[r] = data.classOf(indices[r]);
        }
        return new Dataset(name, x, f, classes, data.classCount());
    }

    private static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }
}
