package lockstep.spec;

/**
 * One layer. A dense layer (the default {@link LayerType}): {@code a_out = activation(a_in · W + b)} with W of shape
 * [nIn, nOut]. A convolution: nIn input and nOut output channels over its {@link WindowSpec}; a subsampling layer:
 * nIn = nOut channels pooled over its window; batch normalisation: nIn = nOut features or channels.
 * The nullable fields override the network's settings for this layer when set: weight
 * initialisation, updater, regularisation (merged with the network's the way DL4J merges them)
 * gradient normalisation, and what the layer does to its input in training ({@code dropout}: one of DL4J's
 * dropouts, {@link DropoutSpec}).
 */
public record LayerSpec(int nIn, int nOut, ActivationType activation, WeightInitSpec weightInit, UpdaterSpec updater,
                        RegularizationSpec regularization, GradientNormalizationSpec gradientNormalization,
                        DropoutSpec dropout, LayerType type, WindowSpec window) {

    public LayerSpec {
        if (type == null) {
            type = LayerType.DENSE;
        }
    }

    /** A dense layer with these settings. */
    public LayerSpec(int nIn, int nOut, ActivationType activation, WeightInitSpec weightInit, UpdaterSpec updater,
                     RegularizationSpec regularization, GradientNormalizationSpec gradientNormalization, DropoutSpec dropout) {
        this(nIn, nOut, activation, weightInit, updater, regularization, gradientNormalization, dropout, LayerType.DENSE, null);
    }

    /** A convolution of nIn to nOut channels over {@code window}, then {@code activation}. */
    public static LayerSpec convolution(int nIn, int nOut, ActivationType activation, WindowSpec window) {
        return new LayerSpec(nIn, nOut, activation, null, null, null, null, null, LayerType.CONVOLUTION, window);
    }

    /** Pooling of {@code channels} channels over {@code window} (its pooling says MAX or AVG). */
    public static LayerSpec subsampling(int channels, WindowSpec window) {
        return new LayerSpec(channels, channels, ActivationType.IDENTITY, null, null, null, null, null, LayerType.SUBSAMPLING,
                window);
    }

    /** Batch normalisation of {@code n} features (after a dense layer) or channels (after a convolution). */
    public static LayerSpec batchNormalization(int n) {
        return new LayerSpec(n, n, ActivationType.IDENTITY, null, null, null, null, null, LayerType.BATCH_NORMALIZATION, null);
    }

    public boolean isDense() {
        return type == LayerType.DENSE;
    }

    public LayerSpec(int nIn, int nOut, ActivationType activation) {
        this(nIn, nOut, activation, null, null, null, null, null);
    }

    public LayerSpec(int nIn, int nOut, ActivationType activation, WeightInitSpec weightInit) {
        this(nIn, nOut, activation, weightInit, null, null, null, null);
    }

    public LayerSpec withUpdater(UpdaterSpec u) {
        return new LayerSpec(nIn, nOut, activation, weightInit, u, regularization, gradientNormalization, dropout, type, window);
    }

    public LayerSpec withRegularization(RegularizationSpec r) {
        return new LayerSpec(nIn, nOut, activation, weightInit, updater, r, gradientNormalization, dropout, type, window);
    }

    public LayerSpec withGradientNormalization(GradientNormalizationSpec g) {
        return new LayerSpec(nIn, nOut, activation, weightInit, updater, regularization, g, dropout, type, window);
    }

    /** This layer with {@code dropout} on its input (null: none). */
    public LayerSpec withDropout(DropoutSpec dropout) {
        return new LayerSpec(nIn, nOut, activation, weightInit, updater, regularization, gradientNormalization, dropout, type,
                window);
    }
}
