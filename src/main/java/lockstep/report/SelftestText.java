package lockstep.report;

import java.io.PrintStream;
import java.util.List;
import lockstep.selftest.PlantedBugs;
import lockstep.selftest.Selftest;

/** The console text of {@code lockstep selftest}: one line per planted-bug run as it finishes, then the verdict. */
public final class SelftestText {
    private SelftestText() {
    }

    /**
     * Runs every planted bug {@code engine} reaches, prints one line each and a verdict; returns true when all were
     * caught and located.
     */
    public static boolean runAll(Selftest.Engine engine, PrintStream out) {
        long reached = PlantedBugs.all().stream().filter(engine::reaches).count();
        out.println("lockstep selftest: " + reached + " planted bugs in the " + engine.name().toLowerCase() + " engine"
                + (reached == PlantedBugs.all().size() ? "" : " (" + (PlantedBugs.all().size() - reached)
                + " others live in the " + (engine == Selftest.Engine.MATRIX ? "autograd engine's modules" : "matrix engine's layers")
                + ", which it does not use)") + ", " + Selftest.runs(engine).size()
                + " runs in DOUBLE and FLOAT; each must make the harness FAIL at the expected place");
        List<Selftest.Outcome> outcomes = Selftest.checkAll(engine, o -> {
            out.printf("%-8s %-6s %-50s expected %s%n", o.caught() ? "caught" : "MISSED", o.bug().dataType(), o.bug().name(),
                    o.bug().expectedLocation());
            if (!o.clean().passed()) {
                out.println("         the clean engine failed on this scenario: " + o.clean().divergence().describe());
            }
            out.println("         " + (o.faulty().passed() ? "harness said PASS" : "FAIL  " + o.faulty().divergence().describe()));
        });
        boolean all = Selftest.allCaught(outcomes);
        out.println((all ? "PASS  " : "FAIL  ") + outcomes.stream().filter(Selftest.Outcome::caught).count() + " of " + outcomes.size()
                + " planted-bug runs caught and located at the expected step, layer and parameter");
        return all;
    }
}
