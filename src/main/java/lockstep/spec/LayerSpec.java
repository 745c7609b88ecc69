package lockstep.spec;

/**
 * One dense layer: {@code a_out = activation(a_in · W + b)} with W of shape [nIn, nOut].
 * {@code weightInit} overrides the network's default when not null.
 */
public record LayerSpec(int nIn, int nOut, ActivationType activation, WeightInitSpec weightInit) {

    public LayerSpec(int nIn, int nOut, ActivationType activation) {
        this(nIn, nOut, activation, null);
    }
}
