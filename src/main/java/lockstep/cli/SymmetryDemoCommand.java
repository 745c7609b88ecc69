package lockstep.cli;

import java.util.concurrent.Callable;
import lockstep.LockstepException;
import lockstep.data.Datasets;
import lockstep.demo.SymmetryDemo;
import lockstep.report.SymmetryDemoText;
import lockstep.spec.RunSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lockstep demo symmetry}: all-equal initial weights keep every hidden unit identical; random ones do not. */
@Command(name = "symmetry", mixinStandardHelpOptions = true,
        description = {"Why initial weights are random: equal weights keep hidden units identical.",
                "Trains 4-8(tanh)-8(tanh)-3(softmax) on Iris from all-zero, all-equal (0.1) and",
                "random initial weights, on both sides (engine and DL4J, same weights, same",
                "batches), and measures after every step how different the hidden units of each",
                "layer are. DOUBLE.",
                "Exit code: 0 when the equal starts stay exactly symmetric on both sides and the",
                "random one never is, 1 otherwise, 2 bad input."})
final class SymmetryDemoCommand implements Callable<Integer> {

    @Option(names = "--epochs", paramLabel = "N", description = "Epochs of 10 steps (default ${DEFAULT-VALUE}).")
    int epochs = 20;

    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() {
        if (epochs < 1) {
            throw new LockstepException("--epochs: must be at least 1, got " + epochs);
        }
        RunSpec spec = SymmetryDemo.defaultSpec(epochs);
        SymmetryDemo.Result r = SymmetryDemo.run(spec, Datasets.load(spec.data()));
        SymmetryDemoText.print(r, System.out);
        return r.passed() ? Main.EXIT_PASS : Main.EXIT_FAIL;
    }
}
