package lockstep.spec;

/** Weight initialisation schemes; names are DL4J's {@code WeightInit} names. Biases always start at 0. */
public enum WeightInit {
    /** U[-s, s] with s = sqrt(6 / (nIn + nOut)). */
    XAVIER_UNIFORM,
    /** He: N(0, sqrt(2 / nIn)). */
    RELU,
    /** All zeros. */
    ZERO
}
