package lockstep.harness;

import java.util.Map;

/**
 * What one side did in one training step, in a common convention: the batch-mean loss on the
 * parameters before the update, the gradient of that batch-mean loss (so DL4J's batch sum is
 * divided by B before it lands here), the update subtracted and the parameters after it. Maps are
 * keyed like {@code "0_W"} in DL4J's order; arrays are row-major doubles.
 */
public record StepSnapshot(double loss, Map<String, double[]> gradients, Map<String, double[]> updates,
                           Map<String, double[]> parameters) {
}
