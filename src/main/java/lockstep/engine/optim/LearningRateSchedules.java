package lockstep.engine.optim;

import java.util.Map;
import lockstep.spec.ScheduleSpec;

/** The learning rate at (iteration, epoch) under a schedule, computed exactly as DL4J's ISchedule classes do. */
public final class LearningRateSchedules {
    private LearningRateSchedules() {
    }

    /**
     * @param initial   the updater's learning rate (the schedule's initialValue)
     * @param iteration updates applied before this one
     * @param epoch     0-based epoch
     */
    public static double valueAt(ScheduleSpec s, double initial, int iteration, int epoch) {
        int i = s.unit() == ScheduleSpec.Unit.ITERATION ? iteration : epoch;
        return switch (s.kind()) {
            case STEP -> initial * Math.pow(s.decayRate(), Math.floor(i / s.step()));
            case EXPONENTIAL -> initial * Math.pow(s.gamma(), i);
            case INVERSE -> initial / Math.pow(1 + s.gamma() * i, s.power());
            case POLY -> i >= s.maxIter() ? 0 : initial * Math.pow(1 + i / (double) s.maxIter(), s.power());
            case SIGMOID -> initial / (1.0 + Math.exp(-s.gamma() * (i - s.stepSize())));
            case MAP -> mapValue(s.values(), i);
        };
    }

    /** The value at the largest key <= i (DL4J's MapSchedule). */
    private static double mapValue(java.util.SortedMap<Integer, Double> values, int i) {
        Map.Entry<Integer, Double> e = ((java.util.TreeMap<Integer, Double>) values).floorEntry(i);
        return e.getValue();
    }
}
