package lockstep.spec;

/** How a layer's weights W start: a named {@link WeightInit} scheme or a {@link WeightDistribution}. Biases start at 0. */
public sealed interface WeightInitSpec permits WeightInit, WeightDistribution {

    /** E.g. {@code XAVIER_UNIFORM} or {@code normal(mean=0, std=0.5)}. */
    String describe();
}
