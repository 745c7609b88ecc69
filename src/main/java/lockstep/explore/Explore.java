package lockstep.explore;

import java.util.ArrayList;
import java.util.List;
import lockstep.LockstepException;
import lockstep.data.Dataset;
import lockstep.data.ValidationSplit;
import lockstep.harness.LockstepRun;
import lockstep.spec.RunSpec;
import lockstep.spec.TrainingSpec;
import lockstep.spec.ValidationSpec;

/**
 * Runs the explore grid: for every learning rate, batch size and shuffle setting, one {@link CellTrainer} run of
 * both sides from the spec's seed. The validation examples are the spec's (a held-out fraction or a CSV file), or
 * {@link #DEFAULT_VALIDATION_FRACTION} of the dataset held out when the spec has none; every cell trains on the same
 * training examples and scores the same validation examples.
 */
public final class Explore {
    /** Held out for validation when the spec names no validation data (as {@code compare --early-stopping} does). */
    public static final double DEFAULT_VALIDATION_FRACTION = 0.2;

    /** Sees each cell as it completes. */
    @FunctionalInterface
    public interface Listener {
        void onCell(int done, int total, Cell cell);
    }

    private Explore() {
    }

    /** The spec with the default validation hold-out when it names none. */
    public static RunSpec withValidation(RunSpec spec) {
        TrainingSpec t = spec.training();
        return t.validation() != null ? spec : spec.withTraining(t.withValidation(ValidationSpec.fraction(DEFAULT_VALIDATION_FRACTION)));
    }

    /** The training and validation examples of {@code spec} (see {@link #withValidation}), checked against the grid. */
    public static ValidationSplit split(RunSpec spec, Dataset data, ExploreGrid grid) {
        RunSpec run = withValidation(spec);
        LockstepRun.checkDataFits(run.network(), data);
        if (!run.network().updater().type().hasLearningRate()) {
            throw new LockstepException("explore: the updater " + run.network().updater().type()
                    + " has no learning rate to vary; use one that has (SGD, ADAM, ...)");
        }
        ValidationSplit split = ValidationSplit.of(data, run.data(), run.training().validation(), run.training().seed());
        LockstepRun.checkDataFits(run.network(), split.validation());
        int n = split.training().size();
        for (int b : grid.batchSizes()) {
            if (b > n) {
                throw new LockstepException("--batch-sizes: " + b + " is more than the " + n + " training examples");
            }
        }
        return split;
    }

    /** Trains every cell of {@code grid} from {@code spec} on {@code data}; {@code listener} sees each cell. */
    public static ExploreResult run(RunSpec spec, Dataset data, ExploreGrid grid, Listener listener) {
        lockstep.rand.Nd4jDistributions.requireExact("explore");   // each side draws from the seed alone
        RunSpec run = withValidation(spec);
        ValidationSplit split = split(run, data, grid);
        long start = System.nanoTime();
        List<Cell> cells = new ArrayList<>();
        for (double lr : grid.learningRates()) {
            for (int b : grid.batchSizes()) {
                for (boolean shuffle : new boolean[] {true, false}) {
                    RunSpec cell = run.withNetwork(run.network().withUpdater(run.network().updater().withLearningRate(lr)))
                            .withTraining(run.training().withBatchSize(b).withShuffle(shuffle).withEpochs(grid.epochs()));
                    cells.add(CellTrainer.train(cell, split.training(), split.validation(), grid.stopping()));
                    listener.onCell(cells.size(), grid.cellCount(), cells.get(cells.size() - 1));
                }
            }
        }
        ValidationSpec v = run.training().validation();
        String validation = v.isSplit() ? "fraction " + v.fraction() + " of the dataset held out (seed " + run.training().seed() + ")"
                : v.csv();
        return new ExploreResult(run, grid, split.training().size(), split.validation().size(), validation, cells,
                (System.nanoTime() - start) / 1e9);
    }
}
