package lockstep.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import lockstep.LockstepException;
import lockstep.data.Datasets;
import lockstep.demo.ZeroGradDemo;
import lockstep.report.ZeroGradDemoText;
import lockstep.spec.RunSpec;
import lockstep.spec.SpecJson;
import lockstep.spec.SpecValidator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lockstep demo zero-grad}: the five-line step with and without zeroGrad(). */
@Command(name = "zero-grad", mixinStandardHelpOptions = true,
        description = {"The five-line step with and without optimizer.zeroGrad().",
                "Runs the five-line step (zeroGrad, forward, loss, backward, step) twice",
                "from the same weights on the same batches, with and without",
                "optimizer.zeroGrad(), prints both loss curves, and shows that without",
                "zeroGrad() the gradient is the sum of all batch gradients so far (each",
                "computed independently by the matrix engine). DOUBLE.",
                "Exit code: 0 when that holds exactly at every step, 1 otherwise, 2 bad input."})
final class ZeroGradDemoCommand implements Callable<Integer> {

    @Option(names = "--steps", paramLabel = "N", description = "Number of steps (default ${DEFAULT-VALUE}).")
    int steps = 10;

    @Option(names = "--spec", paramLabel = "FILE", description = "JSON run spec; default: the Iris default network (see 'compare --help').")
    Path spec;

    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() {
        if (steps < 1) {
            throw new LockstepException("--steps: must be at least 1, got " + steps);
        }
        RunSpec run = SpecValidator.validate(spec == null ? RunSpec.irisDefault() : SpecJson.read(spec));
        ZeroGradDemo.Result result = ZeroGradDemo.run(run, Datasets.load(run.data()), steps);
        ZeroGradDemoText.print(result, System.out);
        return result.passed() ? Main.EXIT_PASS : Main.EXIT_FAIL;
    }
}
