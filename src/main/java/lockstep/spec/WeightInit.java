package lockstep.spec;

/**
 * DL4J's named weight initialisation schemes for a dense layer's W [nIn,nOut] (fanIn = nIn, fanOut = nOut),
 * with the formulas of DL4J 1.0.0-M2.1's {@code IWeightInit} classes. N(0, s) is a normal with standard
 * deviation s. DL4J's {@code DISTRIBUTION} is a {@link WeightDistribution}. Biases always start at 0.
 */
public enum WeightInit implements WeightInitSpec {
    /** N(0, sqrt(2 / (fanIn + fanOut))). */
    XAVIER,
    /** U[-s, s) with s = sqrt(6) / sqrt(fanIn + fanOut). */
    XAVIER_UNIFORM,
    /** N(0, 1 / sqrt(fanIn)), the same as NORMAL and LECUN_NORMAL. */
    XAVIER_FAN_IN,
    /** N(0, 1 / sqrt(nIn + nOut)). */
    XAVIER_LEGACY,
    /** He: N(0, sqrt(2 / fanIn)). */
    RELU,
    /** U[-s, s) with s = sqrt(6 / fanIn). */
    RELU_UNIFORM,
    /** N(0, 1 / sqrt(fanIn)). */
    LECUN_NORMAL,
    /** U[-s, s) with s = 3 / sqrt(fanIn) (not sqrt(3 / fanIn): variance 3 / fanIn). */
    LECUN_UNIFORM,
    /** N(0, 1 / sqrt(fanIn)) (not N(0, 1)). */
    NORMAL,
    /** U[-s, s) with s = 1 / sqrt(fanIn). */
    UNIFORM,
    /** U[-s, s) with s = 4 sqrt(6 / (fanIn + fanOut)). */
    SIGMOID_UNIFORM,
    /** All zeros. */
    ZERO,
    /** All ones. */
    ONES,
    /** The identity matrix; only for a square W (nIn = nOut). */
    IDENTITY,
    /** ND4J's truncated normal (see {@link WeightDistribution.TruncatedNormal}) with mean 0, std sqrt(1 / fanIn). */
    VAR_SCALING_NORMAL_FAN_IN,
    /** ND4J's truncated normal with mean 0, std sqrt(1 / fanOut). */
    VAR_SCALING_NORMAL_FAN_OUT,
    /** ND4J's truncated normal with mean 0, std sqrt(2 / (fanIn + fanOut)). */
    VAR_SCALING_NORMAL_FAN_AVG,
    /** U[-s, s) with s = 3 / sqrt(fanIn), the same as LECUN_UNIFORM. */
    VAR_SCALING_UNIFORM_FAN_IN,
    /** U[-s, s) with s = 3 / sqrt(fanOut). */
    VAR_SCALING_UNIFORM_FAN_OUT,
    /** U[-s, s) with s = 3 / sqrt((fanIn + fanOut) / 2). */
    VAR_SCALING_UNIFORM_FAN_AVG;

    @Override
    public String describe() {
        return name();
    }
}
