package lockstep.cli;

import java.util.List;
import java.util.concurrent.Callable;
import lockstep.LockstepException;
import lockstep.data.Datasets;
import lockstep.demo.BatchSizeDemo;
import lockstep.report.BatchSizeDemoText;
import lockstep.spec.RunSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lockstep demo batch-size}: loss against step and against epoch for several batch sizes and learning rates. */
@Command(name = "batch-size", mixinStandardHelpOptions = true,
        description = {"Epochs against steps: loss for several batch sizes and learning rates.",
                "Trains the Iris default network (4-16(tanh)-3(softmax), SGD) with each batch",
                "size and learning rate, on both sides (engine and DL4J, same weights, same",
                "batches), and prints the loss on all examples after given steps and after given",
                "epochs, with the steps-per-epoch arithmetic. DOUBLE.",
                "Exit code: 0 when both sides agree at every checkpoint, 1 otherwise, 2 bad input."})
final class BatchSizeDemoCommand implements Callable<Integer> {

    @Option(names = "--epochs", paramLabel = "N", description = "Epochs per run (default ${DEFAULT-VALUE}).")
    int epochs = 20;

    @Option(names = "--batch-sizes", paramLabel = "B", split = ",", description = "Batch sizes (default 4,16,64,150).")
    List<Integer> batchSizes = List.of(4, 16, 64, 150);

    @Option(names = "--learning-rates", paramLabel = "LR", split = ",", description = "SGD learning rates (default 0.03,0.3).")
    List<Double> learningRates = List.of(0.03, 0.3);

    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() {
        if (epochs < 1) {
            throw new LockstepException("--epochs: must be at least 1, got " + epochs);
        }
        for (int b : batchSizes) {
            if (b < 1) {
                throw new LockstepException("--batch-sizes: must be at least 1, got " + b);
            }
        }
        for (double lr : learningRates) {
            if (!(lr > 0) || Double.isInfinite(lr)) {
                throw new LockstepException("--learning-rates: must be finite and > 0, got " + lr);
            }
        }
        RunSpec spec = RunSpec.irisDefault();
        BatchSizeDemo.Result r = BatchSizeDemo.run(spec, Datasets.load(spec.data()), batchSizes, learningRates, epochs);
        BatchSizeDemoText.print(r, System.out);
        return r.passed() ? Main.EXIT_PASS : Main.EXIT_FAIL;
    }
}
