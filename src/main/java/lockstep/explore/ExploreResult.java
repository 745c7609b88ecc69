package lockstep.explore;

import java.util.List;
import lockstep.spec.RunSpec;

/**
 * The whole grid, trained.
 *
 * @param spec               the run spec every cell starts from (its learning rate, batch size and shuffle replaced per cell)
 * @param grid               the axes and the early-stopping rule
 * @param trainingExamples   N, the examples each epoch passes over
 * @param validationExamples the examples scored after every epoch
 * @param validation         where the validation examples come from, in words
 * @param cells              every cell, in {@link ExploreGrid}'s order
 * @param seconds            wall time of the grid
 */
public record ExploreResult(RunSpec spec, ExploreGrid grid, int trainingExamples, int validationExamples, String validation,
                            List<Cell> cells, double seconds) {

    public ExploreResult {
        cells = List.copyOf(cells);
    }

    /** The engine's time over all cells: its steps and validation. */
    public double engineSeconds() {
        return cells.stream().mapToDouble(c -> c.engine().seconds()).sum();
    }

    /** DL4J's time over all cells: its steps (with cutting its batches) and validation. */
    public double dl4jSeconds() {
        return cells.stream().mapToDouble(c -> c.dl4j().seconds()).sum();
    }

    /** Steps each side took over the grid. */
    public long stepsPerSide() {
        return cells.stream().mapToLong(c -> c.engine().stepLoss().length).sum();
    }

    /** The cell of a learning rate, batch size and shuffle setting. */
    public Cell cell(double learningRate, int batchSize, boolean shuffle) {
        return cells.stream().filter(c -> c.learningRate() == learningRate && c.batchSize() == batchSize && c.shuffle() == shuffle)
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no cell lr " + learningRate + " B " + batchSize
                        + " shuffle " + shuffle));
    }
}
