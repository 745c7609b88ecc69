package lockstep.spec;

/**
 * Regularisation set at one scope (the whole network, or one layer), as DL4J's builders take it.
 * A null field is not set at this scope. l2 and weightDecay exclude each other within one scope
 * (DL4J's builder silently drops the first one set; lockstep refuses the spec instead).
 */
public record RegularizationSpec(Double l1, Double l2, Double weightDecay, Double l1Bias, Double l2Bias,
                                 Double weightDecayBias) {
    public static final RegularizationSpec NONE = new RegularizationSpec(null, null, null, null, null, null);

    public boolean isEmpty() {
        return equals(NONE);
    }

    /** The JSON field names, in the order DL4J's builder methods are called. */
    public static final String[] FIELDS = {"l1", "l2", "weightDecay", "l1Bias", "l2Bias", "weightDecayBias"};

    public Double get(String field) {
        return switch (field) {
            case "l1" -> l1;
            case "l2" -> l2;
            case "weightDecay" -> weightDecay;
            case "l1Bias" -> l1Bias;
            case "l2Bias" -> l2Bias;
            case "weightDecayBias" -> weightDecayBias;
            default -> throw new IllegalArgumentException("no regularisation field " + field);
        };
    }

    public RegularizationSpec with(String field, Double value) {
        return new RegularizationSpec(
                field.equals("l1") ? value : l1, field.equals("l2") ? value : l2,
                field.equals("weightDecay") ? value : weightDecay, field.equals("l1Bias") ? value : l1Bias,
                field.equals("l2Bias") ? value : l2Bias, field.equals("weightDecayBias") ? value : weightDecayBias);
    }
}
