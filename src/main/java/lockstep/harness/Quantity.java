package lockstep.harness;

/** What is compared after each step, in the order the harness checks them. */
public enum Quantity {
    BATCH("batch"),
    LOSS("loss"),
    GRADIENT("gradient"),
    UPDATE("update"),
    PARAMETER("parameter"),
    UPDATER_STATE("updater state");

    private final String label;

    Quantity(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
