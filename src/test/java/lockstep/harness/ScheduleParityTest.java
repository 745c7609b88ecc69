package lockstep.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import lockstep.comparison.TolerancePolicy;
import lockstep.data.Datasets;
import lockstep.engine.EngineComponents;
import lockstep.engine.optim.LearningRateSchedules;
import lockstep.linalg.DType;
import lockstep.report.ParityReport;
import lockstep.spec.RunSpec;
import lockstep.spec.ScheduleSpec.Kind;
import lockstep.spec.ScheduleSpec.Unit;
import lockstep.spec.ScheduleSpec;
import lockstep.spec.SpecJson;
import lockstep.spec.UpdaterSpec;
import lockstep.spec.UpdaterType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Learning-rate schedules (DL4J's ISchedule) agree with DL4J step by step, per iteration and per epoch. */
class ScheduleParityTest {

    static ScheduleSpec schedule(Kind kind, Unit unit) {
        TreeMap<Integer, Double> map = new TreeMap<>();
        map.put(0, 0.1);
        map.put(unit == Unit.ITERATION ? 7 : 1, 0.03);
        map.put(unit == Unit.ITERATION ? 15 : 2, 0.2);
        return switch (kind) {
            case STEP -> new ScheduleSpec(kind, unit, 0.5, unit == Unit.ITERATION ? 4 : 1, 0, 0, 0, 0, null);
            case EXPONENTIAL -> new ScheduleSpec(kind, unit, 0, 0, 0.9, 0, 0, 0, null);
            case INVERSE -> new ScheduleSpec(kind, unit, 0, 0, 0.3, 1.5, 0, 0, null);
            case POLY -> new ScheduleSpec(kind, unit, 0, 0, 0, 2.0, unit == Unit.ITERATION ? 25 : 2, 0, null);
            case SIGMOID -> new ScheduleSpec(kind, unit, 0, 0, 0.5, 0, 0, unit == Unit.ITERATION ? 8 : 1, null);
            case MAP -> new ScheduleSpec(kind, unit, 0, 0, 0, 0, 0, 0, map);
        };
    }

    static RunSpec run(UpdaterSpec updater, DType dtype) {
        RunSpec d = RunSpec.irisDefault();
        return d.withNetwork(d.network().withUpdater(updater)).withTraining(d.training().withDataType(dtype).withEpochs(3));
    }

    static Stream<Arguments> schedules() {
        List<Arguments> out = new ArrayList<>();
        for (Kind k : Kind.values()) {
            for (Unit u : Unit.values()) {
                for (UpdaterType t : List.of(UpdaterType.SGD, UpdaterType.ADAM)) {
                    out.add(Arguments.of(k, u, t, DType.DOUBLE));
                }
                out.add(Arguments.of(k, u, UpdaterType.NESTEROVS, DType.FLOAT));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} per {1} with {2} {3}")
    @MethodSource("schedules")
    void scheduledTrainingMatchesDl4jAtEveryStep(Kind kind, Unit unit, UpdaterType type, DType dtype) {
        UpdaterSpec updater = new UpdaterSpec(type, type == UpdaterType.ADAM ? 0.01 : 0.1).withSchedule(schedule(kind, unit));
        LockstepResult r = LockstepRun.of(run(updater, dtype)).run(e -> { });
        assertTrue(r.passed(), () -> kind + "/" + unit + ": " + ParityReport.verdictLine(r));
    }

    @Test
    void dl4jsPolyScheduleGrowsWithAPlusSign() {
        ScheduleSpec poly = schedule(Kind.POLY, Unit.ITERATION);   // power 2, maxIter 25
        assertEquals(0.1 * Math.pow(1 + 10 / 25.0, 2), LearningRateSchedules.valueAt(poly, 0.1, 10, 0), 1e-17);
        assertEquals(0.0, LearningRateSchedules.valueAt(poly, 0.1, 25, 0));
    }

    @Test
    void mapScheduleTakesTheLargestKeyNotAboveTheIteration() {
        ScheduleSpec map = schedule(Kind.MAP, Unit.ITERATION);
        assertEquals(0.1, LearningRateSchedules.valueAt(map, 1.0, 6, 0));
        assertEquals(0.03, LearningRateSchedules.valueAt(map, 1.0, 7, 0));
        assertEquals(0.2, LearningRateSchedules.valueAt(map, 1.0, 99, 0));
    }

    /** The twin: an engine that ignores the epoch (as if fit(DataSet) advanced it) is caught when the first epoch ends. */
    @Test
    void anEngineThatIgnoresTheEpochIsCaughtAtTheSecondEpoch() {
        RunSpec spec = run(new UpdaterSpec(UpdaterType.SGD, 0.1).withSchedule(schedule(Kind.EXPONENTIAL, Unit.EPOCH)), DType.DOUBLE);
        EngineComponents frozenEpoch = new EngineComponents() {
            @Override
            public lockstep.engine.optim.Optimizer optimizer(lockstep.spec.NetworkSpec net) {
                lockstep.engine.optim.Optimizer real = super.optimizer(net);
                return new lockstep.engine.optim.Optimizer() {
                    @Override
                    public void step(List<lockstep.engine.Parameter> p, int iteration, int epoch) {
                        real.step(p, iteration, 0);
                    }

                    @Override
                    public void initialiseState(List<lockstep.engine.Parameter> p) {
                        real.initialiseState(p);
                    }

                    @Override
                    public double penalty(List<lockstep.engine.Parameter> p) {
                        return real.penalty(p);
                    }

                    @Override
                    public java.util.Map<String, double[]> state() {
                        return real.state();
                    }

                    @Override
                    public void setState(java.util.Map<String, double[]> s) {
                        real.setState(s);
                    }
                };
            }
        };
        LockstepResult r = new LockstepRun(spec, Datasets.iris(), frozenEpoch, TolerancePolicy.DOUBLE).run(e -> { });
        assertFalse(r.passed());
        assertEquals(2, r.divergence().epoch(), r.divergence().describe());
        assertEquals(1, r.divergence().step(), r.divergence().describe());
    }

    @Test
    void schedulesRoundTripThroughJson() {
        for (Kind k : Kind.values()) {
            RunSpec spec = run(new UpdaterSpec(UpdaterType.ADAM, 0.01).withSchedule(schedule(k, Unit.EPOCH)), DType.FLOAT);
            assertEquals(spec, SpecJson.parse(SpecJson.write(spec), "test"), k.name());
        }
    }
}
