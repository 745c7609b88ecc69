package lockstep.spec;

/** Activation functions a layer may use; names are DL4J's {@code Activation} names. */
public enum ActivationType {
    IDENTITY,
    SIGMOID,
    TANH,
    RELU,
    RELU6,
    LEAKYRELU,
    ELU,
    SELU,
    GELU,
    SOFTPLUS,
    SOFTSIGN,
    SWISH,
    MISH,
    HARDSIGMOID,
    HARDTANH,
    CUBE,
    RATIONALTANH,
    RECTIFIEDTANH,
    SOFTMAX
}
