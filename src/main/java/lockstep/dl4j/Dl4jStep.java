package lockstep.dl4j;

import java.util.Map;

/**
 * What one {@code fit(DataSet)} did, read back from DL4J, as row-major doubles keyed like
 * {@code "0_W"}. {@code rawGradients} are DL4J's own: the SUM over the batch, before the 1/B that
 * its updater applies. {@code score} was computed on the parameters before the update.
 * {@code updaterState} is keyed {@code "0_W/M"} (parameter / DL4J's state name), row-major like the parameter.
 */
public record Dl4jStep(double score, Map<String, double[]> rawGradients, Map<String, double[]> updates,
                       Map<String, double[]> parameters, Map<String, double[]> updaterState) {
}
