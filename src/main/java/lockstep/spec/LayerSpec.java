package lockstep.spec;

/**
 * One dense layer: {@code a_out = activation(a_in · W + b)} with W of shape [nIn, nOut].
 * The nullable fields override the network's settings for this layer when set: weight
 * initialisation, updater, regularisation (merged with the network's the way DL4J merges them)
 * gradient normalisation, and what the layer does to its input in training ({@code dropout}: one of DL4J's
 * dropouts, {@link DropoutSpec}).
 */
public record LayerSpec(int nIn, int nOut, ActivationType activation, WeightInitSpec weightInit, UpdaterSpec updater,
                        RegularizationSpec regularization, GradientNormalizationSpec gradientNormalization,
                        DropoutSpec dropout) {

    public LayerSpec(int nIn, int nOut, ActivationType activation) {
        this(nIn, nOut, activation, null, null, null, null, null);
    }

    public LayerSpec(int nIn, int nOut, ActivationType activation, WeightInitSpec weightInit) {
        this(nIn, nOut, activation, weightInit, null, null, null, null);
    }

    public LayerSpec withUpdater(UpdaterSpec u) {
        return new LayerSpec(nIn, nOut, activation, weightInit, u, regularization, gradientNormalization, dropout);
    }

    public LayerSpec withRegularization(RegularizationSpec r) {
        return new LayerSpec(nIn, nOut, activation, weightInit, updater, r, gradientNormalization, dropout);
    }

    public LayerSpec withGradientNormalization(GradientNormalizationSpec g) {
        return new LayerSpec(nIn, nOut, activation, weightInit, updater, regularization, g, dropout);
    }

    /** This layer with {@code dropout} on its input (null: none). */
    public LayerSpec withDropout(DropoutSpec dropout) {
        return new LayerSpec(nIn, nOut, activation, weightInit, updater, regularization, gradientNormalization, dropout);
    }
}
