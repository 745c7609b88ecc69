package lockstep.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "selftest", mixinStandardHelpOptions = true, description = "Plants known bugs into the engine and checks the harness catches each.")
final class SelftestCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("selftest: not yet");
    }
}
