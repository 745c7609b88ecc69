package lockstep.golden;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one side's replay of a scenario looked like step by step, for a report: the loss it computed
 * at every replayed step (the engine's free-running trajectory, or DL4J's) and, at every stored step,
 * the largest absolute step-check difference from the golden data per parameter.
 */
public final class ReplayTrace {
    private final List<Integer> steps = new ArrayList<>();
    private final List<Double> losses = new ArrayList<>();
    private final List<Integer> storedSteps = new ArrayList<>();
    private final Map<String, List<Double>> differenceByParameter = new LinkedHashMap<>();

    /** Records the loss the replay computed at step {@code step} (1-based, across epochs). */
    void loss(int step, double loss) {
        steps.add(step);
        losses.add(loss);
    }

    /** Records a stored step's largest absolute difference per parameter. */
    void stored(int step, Map<String, Double> largestAbsoluteByParameter) {
        storedSteps.add(step);
        largestAbsoluteByParameter.forEach((name, diff) ->
                differenceByParameter.computeIfAbsent(name, k -> new ArrayList<>()).add(diff));
    }

    public List<Integer> steps() {
        return steps;
    }

    public List<Double> losses() {
        return losses;
    }

    public List<Integer> storedSteps() {
        return storedSteps;
    }

    /** Per parameter, one value per entry of {@link #storedSteps()}. */
    public Map<String, List<Double>> differenceByParameter() {
        return differenceByParameter;
    }
}
