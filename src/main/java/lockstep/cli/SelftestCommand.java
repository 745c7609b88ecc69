package lockstep.cli;

import java.util.List;
import java.util.concurrent.Callable;
import lockstep.LockstepException;
import lockstep.report.SelftestJson;
import lockstep.report.SelftestText;
import lockstep.selftest.Selftest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lockstep selftest}: plants known bugs into the engine, one at a time, and checks the harness catches and locates each. */
@Command(name = "selftest", mixinStandardHelpOptions = true,
        description = {"Plants known bugs into the engine one at a time (1/B missing, bias",
                "gradient not summed, W untransposed in backward, relu'(0)=1, learning",
                "rate twice, one gradient element off by 1e-6, different shuffling) and",
                "checks that the harness reports FAIL at the right step, layer and",
                "parameter, and that the clean engine passes the same scenario.",
                "Exit code: 0 when every bug was caught and located, 1 otherwise."})
final class SelftestCommand implements Callable<Integer> {

    @Mixin
    VerboseOption verbose;

    @Option(names = "--json", description = "Print the result as JSON on stdout (per bug: where it should be found, where it was) instead of the text.")
    boolean json;

    @Option(names = "--engine", paramLabel = "ENGINE",
            description = "The engine the bugs are planted into: matrix (default) or autograd (every bug but those in the matrix engine's DenseLayer).")
    String engine = EngineChoice.MATRIX;

    @Override
    public Integer call() {
        Selftest.Engine planted = switch (engine) {
            case EngineChoice.MATRIX -> Selftest.Engine.MATRIX;
            case EngineChoice.AUTOGRAD -> Selftest.Engine.AUTOGRAD;
            default -> throw new LockstepException("--engine: selftest plants bugs into lockstep's own engines, matrix or"
                    + " autograd; got '" + engine + "' (check your own engine with compare, verify or gradcheck)");
        };
        if (json) {
            List<Selftest.Outcome> outcomes = Selftest.checkAll(planted, o -> { });
            System.out.println(SelftestJson.of(outcomes));
            return Selftest.allCaught(outcomes) ? Main.EXIT_PASS : Main.EXIT_FAIL;
        }
        return SelftestText.runAll(planted, System.out) ? Main.EXIT_PASS : Main.EXIT_FAIL;
    }
}
