package lockstep.selftest;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import lockstep.comparison.TolerancePolicy;
import lockstep.data.Dataset;
import lockstep.data.Datasets;
import lockstep.engine.EngineComponents;
import lockstep.harness.AutogradTrainer;
import lockstep.harness.EngineFactory;
import lockstep.harness.LockstepResult;
import lockstep.harness.LockstepRun;
import lockstep.linalg.DType;

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

    /** lockstep's own engines, into whose components the bugs are planted. */
    public enum Engine {
        /** The matrix engine: every planted bug but those in the autograd engine's modules. */
        MATRIX(EngineFactory.MATRIX),
        /** The autograd engine (the five-line step): every bug but those in the matrix engine's layers. */
        AUTOGRAD(AutogradTrainer.FACTORY);

        private final EngineFactory factory;

        Engine(EngineFactory factory) {
            this.factory = factory;
        }

        /** True when the bug is in a component this engine uses. */
        public boolean reaches(PlantedBug bug) {
            return this == MATRIX ? !bug.inAutogradModule() : !bug.inMatrixLayer();
        }
    }

    private Selftest() {
    }

    /** The bug in the matrix engine. */
    public static Outcome check(PlantedBug bug) {
        return check(bug, Engine.MATRIX);
    }

    /** The clean and the faulty {@code engine} on the bug's scenario, each in lockstep with DL4J. */
    public static Outcome check(PlantedBug bug, Engine engine) {
        Dataset data = Datasets.load(bug.scenario().data());
        TolerancePolicy tolerance = TolerancePolicy.defaultFor(bug.scenario().training().dataType());
        LockstepResult clean = new LockstepRun(bug.scenario(), data, new EngineComponents(), tolerance)
                .withEngine(engine.factory).run(e -> { });
        LockstepResult faulty = new LockstepRun(bug.scenario(), data, bug.faultyEngine(), tolerance)
                .withEngine(engine.factory).run(e -> { });
        return new Outcome(bug, clean, faulty);
    }

    /** Every planted bug in every data type it applies to, DOUBLE first. */
    public static List<PlantedBug> runs() {
        return runs(Engine.MATRIX);
    }

    /** Every planted bug {@code engine} reaches, in every data type it applies to, DOUBLE first. */
    public static List<PlantedBug> runs(Engine engine) {
        List<PlantedBug> runs = new ArrayList<>();
        for (PlantedBug bug : PlantedBugs.all()) {
            if (!engine.reaches(bug)) {
                continue;
            }
            for (DType dtype : bug.dataTypes()) {
                runs.add(bug.in(dtype));
            }
        }
        return runs;
    }

    /**
     * Checks every planted bug {@code engine} reaches in each of its data types, handing each outcome to
     * {@code afterEach} as soon as it is known.
     */
    public static List<Outcome> checkAll(Engine engine, Consumer<Outcome> afterEach) {
        List<Outcome> outcomes = new ArrayList<>();
        for (PlantedBug bug : runs(engine)) {
            Outcome o = check(bug, engine);
            afterEach.accept(o);
            outcomes.add(o);
        }
        return outcomes;
    }

    /** True when every bug was caught and located. */
    public static boolean allCaught(List<Outcome> outcomes) {
        return outcomes.stream().allMatch(Outcome::caught);
    }
}
