package lockstep.comparison;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What one side did in one training step, in a common convention: the score on the parameters
 * before the update (batch-mean loss plus regularisation penalty), the gradient of the batch-mean
 * loss (so DL4J's batch sum is divided by B before it lands here), the update subtracted, the
 * parameters after it and the updater state after it. Maps are keyed like {@code "0_W"} in DL4J's
 * order (updater state {@code "0_W/M"}); arrays are row-major doubles. An external engine reports no update (null; its
 * parameters after the step say what it subtracted) and may report no updater state (null): what is null is not
 * compared.
 */
public record StepSnapshot(double loss, Map<String, double[]> gradients, Map<String, double[]> updates,
                           Map<String, double[]> parameters, Map<String, double[]> updaterState) {

    /** This snapshot without the named parameters (their gradients, updates, values and updater state). */
    public StepSnapshot without(Set<String> names) {
        if (names.isEmpty()) {
            return this;
        }
        return new StepSnapshot(loss, drop(gradients, names), drop(updates, names), drop(parameters, names),
                drop(updaterState, names));
    }

    /** The map without the named parameters' entries ("0_b", or updater state "0_b/M"); null stays null. */
    public static Map<String, double[]> drop(Map<String, double[]> map, Set<String> names) {
        if (map == null || names.isEmpty()) {
            return map;
        }
        Map<String, double[]> out = new LinkedHashMap<>(map);
        out.keySet().removeIf(k -> names.contains(k) || names.contains(k.substring(0, Math.max(0, k.indexOf('/')))));
        return out;
    }
}
