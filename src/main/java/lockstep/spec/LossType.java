package lockstep.spec;

/**
 * Loss functions of the output layer; names are DL4J's {@code LossFunctions.LossFunction} names. Each
 * says which outputs it is defined for ({@link #outputs()}, enforced by {@link SpecValidator}) and how
 * lockstep encodes the labels it trains on ({@link #labels()}). The formulas are in the engine's classes
 * in {@code lockstep.engine.losses}.
 */
public enum LossType {
    /** Multi-class cross-entropy -Σ y ln p; SOFTMAX output, or SIGMOID. */
    MCXENT(OutputDomain.PROBABILITY, LabelEncoding.ZERO_ONE),
    /** DL4J's alias of MCXENT (a subclass that changes nothing). */
    NEGATIVELOGLIKELIHOOD(OutputDomain.PROBABILITY, LabelEncoding.ZERO_ONE),
    /** Mean squared error: per example Σ(p-y)²/nOut. */
    MSE(OutputDomain.ANY, LabelEncoding.ZERO_ONE),
    /** Σ|p-y| per example. */
    L1(OutputDomain.ANY, LabelEncoding.ZERO_ONE),
    /** Σ(p-y)² per example. */
    L2(OutputDomain.ANY, LabelEncoding.ZERO_ONE),
    /** Σ|p-y|/nOut per example. */
    MEAN_ABSOLUTE_ERROR(OutputDomain.ANY, LabelEncoding.ZERO_ONE),
    /** Binary cross-entropy per output, p clipped to [1e-5, 1-1e-5]. */
    XENT(OutputDomain.UNIT_INTERVAL, LabelEncoding.ZERO_ONE),
    /** Σ max(0, 1 - y p) with labels -1/+1. */
    HINGE(OutputDomain.ANY, LabelEncoding.MINUS_ONE_ONE),
    /** Σ max(0, 1 - y p)² with labels -1/+1. */
    SQUARED_HINGE(OutputDomain.ANY, LabelEncoding.MINUS_ONE_ONE),
    /** Σ y ln(y/p), p and y clipped to [1e-5, 1] in the score. */
    KL_DIVERGENCE(OutputDomain.PROBABILITY, LabelEncoding.ZERO_ONE),
    /** Σ (p - y ln p). */
    POISSON(OutputDomain.POSITIVE, LabelEncoding.ZERO_ONE),
    /** -(y·p)/(|y| |p|) per example. */
    COSINE_PROXIMITY(OutputDomain.ANY, LabelEncoding.ZERO_ONE),
    /** Σ ln((p+1)/(y+1))² / nOut. */
    MEAN_SQUARED_LOGARITHMIC_ERROR(OutputDomain.NON_NEGATIVE, LabelEncoding.ZERO_ONE),
    /** Σ |(y-p)/y| · 100/nOut, with labels 1/2 (never 0). */
    MEAN_ABSOLUTE_PERCENTAGE_ERROR(OutputDomain.ANY, LabelEncoding.ONE_TWO);

    private final OutputDomain outputs;
    private final LabelEncoding labels;

    LossType(OutputDomain outputs, LabelEncoding labels) {
        this.outputs = outputs;
        this.labels = labels;
    }

    /** The outputs this loss is defined for, hence the output activations it accepts. */
    public OutputDomain outputs() {
        return outputs;
    }

    /** How lockstep encodes the labels for this loss (the same for the engine and DL4J). */
    public LabelEncoding labels() {
        return labels;
    }
}
