package lockstep.spec;

/** A gradient normalisation mode and its threshold (DL4J's default threshold is 1.0). */
public record GradientNormalizationSpec(GradientNormalization type, double threshold) {
    public static final GradientNormalizationSpec NONE = new GradientNormalizationSpec(GradientNormalization.None, 1.0);
}
