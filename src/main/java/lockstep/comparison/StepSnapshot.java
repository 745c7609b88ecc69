package lockstep.comparison;

import java.util.Map;

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
}
