package lockstep.spec;

/**
 * How lockstep turns an example's class into the label row both sides train on. Datasets hold one-hot
 * labels (1 for the class, 0 elsewhere); a loss that needs other values gets them mapped element by
 * element, once, before the batch is handed to the engine and to DL4J, so both sides see identical labels.
 */
public enum LabelEncoding {
    /** One-hot as stored: 1 for the class, 0 elsewhere. */
    ZERO_ONE("0/1", 0.0, 1.0),
    /** 2y - 1: +1 for the class, -1 elsewhere (the hinge losses' convention). */
    MINUS_ONE_ONE("-1/+1", -1.0, 1.0),
    /** y + 1: 2 for the class, 1 elsewhere (MAPE divides by the label, so no label may be 0). */
    ONE_TWO("1/2", 1.0, 2.0);

    private final String describe;
    private final double off;
    private final double on;

    LabelEncoding(String describe, double off, double on) {
        this.describe = describe;
        this.off = off;
        this.on = on;
    }

    /** The label value for a one-hot value (0 or 1). */
    public double encode(double oneHot) {
        return off + (on - off) * oneHot;
    }

    /** E.g. "-1/+1": the value elsewhere, then the value for the class. */
    public String describe() {
        return describe;
    }
}
