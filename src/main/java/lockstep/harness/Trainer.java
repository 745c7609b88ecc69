package lockstep.harness;

import java.util.Map;
import lockstep.comparison.StepSnapshot;
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

    /** The updater state, keyed {@code "0_W/M"} (parameter / DL4J's state name), row-major like the parameter. */
    Map<String, double[]> updaterState();

    /** Overwrites the updater state (keys and sizes as {@link #updaterState()} gives them). */
    void setUpdaterState(Map<String, double[]> state);

    /** Tells the side which 0-based epoch the next steps belong to (epoch-based schedules use it). */
    default void setEpoch(int epoch) {
    }

    /**
     * The random arrays the dropouts drew in the latest step's forward pass, keyed {@code "1_dropout"} (layer index),
     * row-major [B, nIn] (Dropout: 0 or 1/p; GaussianDropout, GaussianNoise: the noise; AlphaDropout: 0 or 1); empty
     * without dropout.
     */
    default Map<String, double[]> dropoutMasks() {
        return Map.of();
    }

    /** Each dropout layer's input after its dropout in the latest step's forward pass, keyed and laid out as {@link #dropoutMasks()}. */
    default Map<String, double[]> droppedInputs() {
        return Map.of();
    }

    /** Trains on one mini-batch and reports what happened. */
    StepSnapshot step(Batch batch);
}
