package lockstep.selftest;

import java.io.PrintStream;
import java.util.List;
import lockstep.data.Dataset;
import lockstep.data.Datasets;
import lockstep.engine.EngineComponents;
import lockstep.harness.LockstepResult;
import lockstep.harness.LockstepRun;
import lockstep.harness.TolerancePolicy;

/**
 * Shows that the harness catches each planted bug and names where it is: for every bug, the clean
 * engine must PASS on the bug's scenario (no false alarm) and the faulty engine must FAIL at the
 * expected step, quantity and parameter.
 */
public final class Selftest {

    /** The verdict on one planted bug. */
    public record Outcome(PlantedBug bug, LockstepResult clean, LockstepResult faulty) {
        public boolean caught() {
            return clean.passed() && !faulty.passed() && bug.locatedBy(faulty.divergence());
        }
    }

    private Selftest() {
    }

    public static Outcome check(PlantedBug bug) {
        Dataset data = Datasets.load(bug.scenario().data());
        TolerancePolicy tolerance = TolerancePolicy.defaultFor(bug.scenario().training().dataType());
        LockstepResult clean = new LockstepRun(bug.scenario(), data, new EngineComponents(), tolerance).run(e -> { });
        LockstepResult faulty = new LockstepRun(bug.scenario(), data, bug.faultyEngine(), tolerance).run(e -> { });
        return new Outcome(bug, clean, faulty);
    }

    /** Runs every planted bug, prints one line each and a verdict; returns true when all were caught and located. */
    public static boolean runAll(PrintStream out) {
        List<PlantedBug> bugs = PlantedBugs.all();
        out.println("lockstep selftest: " + bugs.size() + " planted bugs; each must make the harness FAIL at the expected place");
        int caught = 0;
        for (PlantedBug bug : bugs) {
            Outcome o = check(bug);
            if (o.caught()) {
                caught++;
            }
            out.printf("%-8s %-45s expected %s%n", o.caught() ? "caught" : "MISSED", bug.name(), bug.expectedLocation());
            if (!o.clean.passed()) {
                out.println("         the clean engine failed on this scenario: " + o.clean.divergence().describe());
            }
            out.println("         " + (o.faulty.passed() ? "harness said PASS" : "FAIL  " + o.faulty.divergence().describe()));
        }
        boolean all = caught == bugs.size();
        out.println((all ? "PASS  " : "FAIL  ") + caught + " of " + bugs.size()
                + " planted bugs caught and located at the expected step, layer and parameter");
        return all;
    }
}
