package lockstep.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import lockstep.data.Dataset;
import lockstep.data.Datasets;
import lockstep.explore.Cell;
import lockstep.explore.Explore;
import lockstep.explore.ExploreGrid;
import lockstep.explore.ExploreResult;
import lockstep.io.AtomicFiles;
import lockstep.report.ExplorePage;
import lockstep.report.TerminalLine;
import lockstep.spec.EarlyStoppingSpec;
import lockstep.spec.RunSpec;
import lockstep.spec.SpecJson;
import lockstep.spec.SpecValidator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lockstep explore}: the learning-rate x batch-size x shuffle grid, both sides, as one interactive page. */
@Command(name = "explore", mixinStandardHelpOptions = true,
        description = {"Watch the loss fall: trains the network for every learning rate, batch size and",
                "shuffle setting of a grid, on both sides (engine and DL4J, each from the seed alone),",
                "and writes one self-contained page, DIR/index.html (sliders, no network, no server),",
                "with the data it draws, DIR/data.json. Without --spec: the Iris default network,",
                "learning rates 0.003 to 10, batch sizes 1, 4, 16, 64 and all 120 training examples",
                "(20% of Iris held out for validation), 6 epochs: under a minute (docs/explore.md).",
                "Exit code: 0 written, 2 bad input, 3 internal error."})
final class ExploreCommand implements Callable<Integer> {
    /** The default patience: one that can stop within the default 6 epochs. */
    static final int DEFAULT_PATIENCE = 3;

    @Option(names = "--spec", paramLabel = "FILE", description = "JSON run spec (any that compare accepts); its learning rate,"
            + " batch size, shuffle and epochs are replaced by the grid's.")
    Path spec;

    @Option(names = "--out", paramLabel = "DIR", required = true,
            description = "Where to write index.html and data.json (DIR is replaced as a whole).")
    Path out;

    @Option(names = "--epochs", paramLabel = "N", description = "Epochs per cell (default ${DEFAULT-VALUE}).")
    int epochs = ExploreGrid.DEFAULT_EPOCHS;

    @Option(names = "--learning-rates", paramLabel = "LR", split = ",",
            description = "Learning rates (default 0.003,0.01,0.03,0.1,0.3,1,3,10).")
    List<Double> learningRates = ExploreGrid.DEFAULT_LEARNING_RATES;

    @Option(names = "--batch-sizes", paramLabel = "B", split = ",",
            description = "Batch sizes (default 1, 4, 16, 64 where below N, and N, the training examples).")
    List<Integer> batchSizes;

    @Option(names = "--patience", paramLabel = "P", description = "Early stopping's patience for the readout (default: the"
            + " spec's, else " + DEFAULT_PATIENCE + ").")
    Integer patience;

    @Option(names = "--min-delta", paramLabel = "D", description = "Early stopping's min delta (default: the spec's, else 0).")
    Double minDelta;

    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() {
        RunSpec run = Explore.withValidation(SpecValidator.validate(spec == null ? RunSpec.irisDefault() : SpecJson.read(spec)));
        AtomicFiles.checkDirectoryWritable(out, "the page");
        Dataset data = Datasets.load(run.data());
        EarlyStoppingSpec es = run.training().earlyStopping();
        ExploreGrid grid = new ExploreGrid(learningRates.stream().sorted().toList(),
                batchSizes != null ? batchSizes.stream().sorted().distinct().toList() : List.of(1), epochs,
                patience != null ? patience : es != null ? es.patience() : DEFAULT_PATIENCE,
                minDelta != null ? minDelta : es != null ? es.minDelta() : 0.0, es != null ? es.evaluateEvery() : 1);
        if (batchSizes == null) {
            int n = Explore.split(run, data, grid).training().size();
            grid = new ExploreGrid(grid.learningRates(), ExploreGrid.defaultBatchSizes(n), grid.epochs(), grid.patience(),
                    grid.minDelta(), grid.evaluateEvery());
        }
        PrintStream err = System.err;
        Progress progress = new Progress(err, TerminalLine.stderrIsTerminal() ? new TerminalLine(err) : null, grid);
        ExploreResult r = Explore.run(run, data, grid, progress);
        ExplorePage.write(out, r);
        long diverged = r.cells().stream().filter(Cell::diverged).count();
        System.out.println(String.format(Locale.ROOT, "explore: %s; %,d steps a side in %.1f s (engine %.1f s, DL4J %.1f s);"
                + " %d cell%s diverged", grid.describe(), r.stepsPerSide(), r.seconds(), r.engineSeconds(), r.dl4jSeconds(),
                diverged, diverged == 1 ? "" : "s"));
        System.out.println("page: " + out.resolve("index.html"));
        return Main.EXIT_PASS;
    }

    /**
     * Progress on stderr: on a terminal one line redrawn after every cell; in a log one line per learning rate, e.g.
     * {@code explore: 20/80 cells (lr 0.01 done), 9.8 s}.
     */
    static final class Progress implements Explore.Listener {
        private final PrintStream err;
        private final TerminalLine line;
        private final ExploreGrid grid;
        private final long start = System.nanoTime();

        Progress(PrintStream err, TerminalLine line, ExploreGrid grid) {
            this.err = err;
            this.line = line;
            this.grid = grid;
        }

        @Override
        public void onCell(int done, int total, Cell c) {
            double seconds = (System.nanoTime() - start) / 1e9;
            if (line != null) {
                line.draw(String.format(Locale.ROOT, "explore: %d/%d cells  lr %s  B %d  shuffle %s  %.1f s", done, total,
                        c.learningRate(), c.batchSize(), c.shuffle() ? "on" : "off", seconds), done == total);
            } else if (done % (2 * grid.batchSizes().size()) == 0) {
                err.println(String.format(Locale.ROOT, "explore: %d/%d cells (lr %s done), %.1f s", done, total, c.learningRate(),
                        seconds));
                err.flush();
            }
        }
    }
}
