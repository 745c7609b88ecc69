package lockstep.harness;

import java.util.Map;
import lockstep.data.Batch;

/**
 * One side of a lockstep run, as the harness sees it. Plug in another engine by implementing this.
 */
public interface Trainer {

    /** "engine", "dl4j", ... */
    String name();

    /** Current parameters, row-major, keyed and ordered like DL4J (0_W, 0_b, 1_W, ...). */
    Map<String, double[]> parameters();

    /** Shape of each parameter: {nIn, nOut} for W, {nOut} for b. */
    Map<String, int[]> parameterShapes();

    /** Overwrites the parameters (same keys and layout as {@link #parameters()}). */
    void setParameters(Map<String, double[]> values);

    /** Trains on one mini-batch and reports what happened. */
    StepSnapshot step(Batch batch);
}
