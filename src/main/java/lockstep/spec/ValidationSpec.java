package lockstep.spec;

/**
 * Where the validation examples come from: a seeded random {@code fraction} of the dataset, held out
 * before training (disjoint from the training examples), or a separate CSV file {@code csv} in the
 * dataset's format (same label column and classes). Exactly one of the two is set.
 */
public record ValidationSpec(Double fraction, String csv) {

    public static ValidationSpec fraction(double f) {
        return new ValidationSpec(f, null);
    }

    public static ValidationSpec csv(String path) {
        return new ValidationSpec(null, path);
    }

    public boolean isSplit() {
        return fraction != null;
    }

    /** E.g. {@code validation 20% held out} or {@code validation csv val.csv}. */
    public String describe() {
        return isSplit() ? "validation " + Math.round(fraction * 1000) / 10.0 + "% held out" : "validation csv " + csv;
    }
}
