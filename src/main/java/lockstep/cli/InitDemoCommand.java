package lockstep.cli;

import java.util.concurrent.Callable;
import lockstep.LockstepException;
import lockstep.demo.InitDemo;
import lockstep.report.InitDemoText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lockstep demo init}: activation and gradient statistics per layer for Xavier, He and N(0,1) weights. */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = {"What the initial weight scale does to a deep network.",
                "Per layer of an 8-layer tanh and an 8-layer relu network (64 wide): mean and",
                "std of the weights at init and of the activations and weight gradients after",
                "the first forward/backward pass, for Xavier, He and N(0,1) weights, engine and",
                "DL4J side by side from the same weights. DOUBLE.",
                "Exit code: 0 when both sides agree on every tensor, 1 otherwise, 2 bad input."})
final class InitDemoCommand implements Callable<Integer> {

    @Option(names = "--examples", paramLabel = "N", description = "Unit-Gaussian input examples (default ${DEFAULT-VALUE}).")
    int examples = 256;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the weights and the data (default ${DEFAULT-VALUE}).")
    long seed = 42;

    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() {
        if (examples < 2) {
            throw new LockstepException("--examples: must be at least 2, got " + examples);
        }
        InitDemo.Result r = InitDemo.run(examples, seed);
        InitDemoText.print(r, System.out);
        return r.passed() ? Main.EXIT_PASS : Main.EXIT_FAIL;
    }
}
