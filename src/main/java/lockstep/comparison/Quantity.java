package lockstep.comparison;

/** What is compared after each step, in the order the harness checks them. */
public enum Quantity {
    BATCH("batch"),
    /**
     * The random array a layer's input dropout drew in the step's forward pass (Dropout's mask, 0 or 1/p; Gaussian
     * noise; AlphaDropout's 0/1 mask), compared exactly.
     */
    DROPOUT_MASK("dropout mask"),
    /** A layer's input after its dropout in the step's forward pass, under the step tolerance. */
    DROPOUT_OUTPUT("input after dropout"),
    LOSS("loss"),
    GRADIENT("gradient"),
    UPDATE("update"),
    PARAMETER("parameter"),
    UPDATER_STATE("updater state"),
    /** After an epoch: the loss on the validation examples (no training, no dropout). */
    VALIDATION_LOSS("validation loss"),
    /** After an epoch: the network's outputs on the validation examples. */
    VALIDATION_OUTPUT("validation output"),
    /** After an epoch: the predicted (argmax) class of a validation example. */
    VALIDATION_PREDICTION("validation prediction");

    private final String label;

    Quantity(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
