package lockstep.comparison;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * DL4J's own FLOAT error per tensor over the last few steps of a run: the noise level a FLOAT step of that tensor is
 * judged against. One step's error is one draw of the rounding: where a sum cancels (a gradient of 0.2 summed from
 * terms of 10^3) DL4J's kernel may round luckily close to the exact result at one step and not at the next, while the
 * engine rounds no worse on average. The largest error of the last {@link #WINDOW} steps (this one included) is a
 * steadier estimate. A bug present from the start is still judged against step 1's error alone.
 */
public final class ShadowNoise {
    /** Steps remembered per tensor. */
    public static final int WINDOW = 64;
    private final Map<String, ArrayDeque<Double>> recent = new HashMap<>();

    /**
     * Records DL4J's error {@code current} for the tensor {@code key} and returns the largest of the last {@link #WINDOW}
     * (this one included). Modifies this record.
     */
    public double level(String key, double current) {
        ArrayDeque<Double> errors = recent.computeIfAbsent(key, k -> new ArrayDeque<>());
        errors.addLast(current);
        if (errors.size() > WINDOW) {
            errors.removeFirst();
        }
        double level = 0.0;
        for (double e : errors) {
            level = StepComparison.maxKeepingNaN(level, e);
        }
        return level;
    }
}
