package lockstep.explore;

import java.util.List;
import java.util.Locale;
import lockstep.LockstepException;
import lockstep.engine.train.EarlyStopping;

/**
 * The axes of the explore grid and how long each cell trains: every learning rate times every batch size times
 * shuffling on and off, each for {@code epochs} epochs; and the early-stopping rule whose pick the page shows
 * (patience, min delta and evaluation interval as {@link EarlyStopping} takes them).
 *
 * @param learningRates the learning rates, ascending
 * @param batchSizes    the batch sizes, ascending, each at most the number of training examples
 * @param epochs        epochs per cell
 * @param patience      early stopping: epochs without an improvement of more than {@code minDelta}
 * @param minDelta      early stopping: the smallest decrease of the validation loss that counts
 * @param evaluateEvery early stopping: the validation loss is judged after epochs 1, 1 + N, ...
 */
public record ExploreGrid(List<Double> learningRates, List<Integer> batchSizes, int epochs, int patience, double minDelta,
                          int evaluateEvery) {

    /**
     * Eight learning rates about half a decade apart (x3, x3.3): 0.003 learns slowly, 0.1 is the Iris default, and
     * from 1 on SGD overshoots on Iris until 10, where the loss ends far above where it started.
     */
    public static final List<Double> DEFAULT_LEARNING_RATES = List.of(0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0);

    /** Default epochs per cell: the default grid on Iris, both sides, in under a minute (docs/explore.md). */
    public static final int DEFAULT_EPOCHS = 6;

    public ExploreGrid {
        learningRates = List.copyOf(learningRates);
        batchSizes = List.copyOf(batchSizes);
        if (learningRates.isEmpty() || batchSizes.isEmpty()) {
            throw new LockstepException("explore: the grid needs at least one learning rate and one batch size");
        }
        for (double lr : learningRates) {
            if (!(lr > 0) || Double.isInfinite(lr)) {
                throw new LockstepException("--learning-rates: must be finite and > 0, got " + lr);
            }
        }
        for (int b : batchSizes) {
            if (b < 1) {
                throw new LockstepException("--batch-sizes: must be at least 1, got " + b);
            }
        }
        if (epochs < 1) {
            throw new LockstepException("--epochs: must be at least 1, got " + epochs);
        }
        if (patience < 1) {
            throw new LockstepException("--patience: must be at least 1, got " + patience);
        }
        if (!(minDelta >= 0)) {
            throw new LockstepException("--min-delta: must be >= 0, got " + minDelta);
        }
        if (evaluateEvery < 1) {
            throw new LockstepException("evaluateEvery: must be at least 1, got " + evaluateEvery);
        }
    }

    /** The default batch sizes for {@code n} training examples: 1, 4, 16 and 64 where below n, and n (the whole set). */
    public static List<Integer> defaultBatchSizes(int n) {
        java.util.List<Integer> sizes = new java.util.ArrayList<>();
        for (int b = 1; b < n && b <= 64; b *= 4) {
            sizes.add(b);
        }
        sizes.add(n);
        return List.copyOf(sizes);
    }

    /** The grid's cells in the order they run: learning rate, then batch size, then shuffle on before off. */
    public int cellCount() {
        return learningRates.size() * batchSizes.size() * 2;
    }

    /** The early-stopping rule the page's readout applies to each side's validation losses. */
    public EarlyStopping.Config stopping() {
        return new EarlyStopping.Config(patience, minDelta, epochs, evaluateEvery);
    }

    /** Each side's steps over the whole grid for {@code n} training examples: epochs x sum of steps per epoch, x2 for shuffle. */
    public long stepsPerSide(int n, boolean dropLast) {
        long steps = 0;
        for (int b : batchSizes) {
            steps += lockstep.data.EpochPlan.stepsPerEpoch(n, b, dropLast);
        }
        return steps * epochs * learningRates.size() * 2;
    }

    /** E.g. {@code 8 learning rates x 5 batch sizes x shuffle on/off = 80 cells, 8 epochs each}. */
    public String describe() {
        return String.format(Locale.ROOT, "%d learning rate%s x %d batch size%s x shuffle on/off = %d cells, %d epoch%s each",
                learningRates.size(), learningRates.size() == 1 ? "" : "s", batchSizes.size(), batchSizes.size() == 1 ? "" : "s",
                cellCount(), epochs, epochs == 1 ? "" : "s");
    }
}
