package lockstep.spec;

/** The kinds of layer a network spec may hold, named as DL4J's layer classes. */
public enum LayerType {
    /** DenseLayer (or, last, the OutputLayer): a_out = f(a_in·W + b). */
    DENSE,
    /** ConvolutionLayer: 2-D, NCHW, over a {@link WindowSpec}; nIn and nOut are channels. */
    CONVOLUTION,
    /** SubsamplingLayer: MAX or AVG pooling over a {@link WindowSpec}, each channel on its own; no parameters. */
    SUBSAMPLING,
    /** BatchNormalization with DL4J's builder defaults (decay 0.9, eps 1e-5, log10 σ stored); nIn = nOut. */
    BATCH_NORMALIZATION;

    /** The name in a spec file: {@code "convolution"}, {@code "batchNormalization"}. */
    public String jsonName() {
        return switch (this) {
            case DENSE -> "dense";
            case CONVOLUTION -> "convolution";
            case SUBSAMPLING -> "subsampling";
            case BATCH_NORMALIZATION -> "batchNormalization";
        };
    }
}
