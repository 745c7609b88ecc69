package lockstep.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code lockstep demo}: the parent of small demonstrations; without a subcommand it lists them. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Small demonstrations of how training works.", "Each subcommand is one; see its --help."},
        subcommands = {ZeroGradDemoCommand.class, SymmetryDemoCommand.class, InitDemoCommand.class,
                BatchSizeDemoCommand.class})
final class DemoCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
