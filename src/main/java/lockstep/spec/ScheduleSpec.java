package lockstep.spec;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A learning-rate schedule, DL4J's ISchedule: the value at (iteration, epoch), counted in iterations
 * or in epochs ({@code unit}), starting from the updater's learning rate. Fields a kind does not use
 * are 0 (and {@code values} empty).
 *
 * @param values MAP only: iteration or epoch -> learning rate (must hold key 0)
 */
public record ScheduleSpec(Kind kind, Unit unit, double decayRate, double step, double gamma, double power,
                           int maxIter, int stepSize, SortedMap<Integer, Double> values) {

    /** DL4J's schedule classes, by name. */
    public enum Kind {
        /** lr·decayRate^floor(i/step). */
        STEP,
        /** lr·gamma^i. */
        EXPONENTIAL,
        /** lr / (1 + gamma·i)^power. */
        INVERSE,
        /** lr·(1 + i/maxIter)^power, and 0 from maxIter on (DL4J's formula, with its plus sign). */
        POLY,
        /** lr / (1 + e^(-gamma·(i - stepSize))). */
        SIGMOID,
        /** the value of the largest key <= i. */
        MAP
    }

    /** DL4J's ScheduleType. */
    public enum Unit { ITERATION, EPOCH }

    public ScheduleSpec {
        values = values == null ? new TreeMap<>() : new TreeMap<>(values);
    }

    /** The JSON fields this kind takes besides kind and unit. */
    public List<String> fields() {
        return switch (kind) {
            case STEP -> List.of("decayRate", "step");
            case EXPONENTIAL -> List.of("gamma");
            case INVERSE -> List.of("gamma", "power");
            case POLY -> List.of("power", "maxIter");
            case SIGMOID -> List.of("gamma", "stepSize");
            case MAP -> List.of("values");
        };
    }

    public String describe() {
        return kind.name().toLowerCase() + " per " + unit.name().toLowerCase();
    }
}
