package lockstep.comparison;

/** The comparisons made at every step. */
public enum Check {
    /**
     * Both sides take the step from bit-identical parameters (an engine re-anchored to DL4J's
     * parameters before every step): differences are that one step's rounding only, so the tolerance
     * is tight and a wrong formula shows at once.
     */
    STEP("step"),
    /**
     * The engine trained on its own from the shared start, never re-anchored: rounding differences
     * compound over the run (chaotically in FLOAT), so the tolerance is looser and judged against
     * the tensor's scale.
     */
    TRAJECTORY("trajectory"),
    /**
     * FLOAT only: the step check's engine and DL4J, each measured from the DOUBLE shadow of the same step (DL4J in
     * DOUBLE from the same widened inputs); the engine may round away from it only as far as DL4J's own FLOAT does,
     * times a factor (see {@link ShadowTolerance}).
     */
    SHADOW("shadow");

    private final String label;

    Check(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
