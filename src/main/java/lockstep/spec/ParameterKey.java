package lockstep.spec;

/**
 * Which trainable tensor: a layer's index and whether it is the weights or the bias. Its {@link #name()} is DL4J's
 * parameter key ({@code "0_W"}, {@code "1_b"}), which the engine, autograd, the harness and the golden files share as
 * map keys and file names; {@link #parse} is the one place that reads such a name back. Immutable.
 */
public record ParameterKey(int layer, Kind kind) {

    /** A layer's tensors, with DL4J's suffixes. */
    public enum Kind {
        /** W: [nIn, nOut] in a dense layer, [nOut, nIn, kh, kw] in a convolution. */
        WEIGHTS("W"),
        /** b [nOut] (held by the engine as [1, nOut]). */
        BIAS("b"),
        /** Batch normalisation's scale γ [nOut]. */
        GAMMA("gamma"),
        /** Batch normalisation's shift β [nOut]. */
        BETA("beta"),
        /** Batch normalisation's running mean [nOut]: updated from the batch statistics, never by the updater. */
        MEAN("mean"),
        /** Batch normalisation's running log10 σ [nOut] (DL4J's useLogStd, the builder's default): as MEAN. */
        LOG10_STD("log10stdev");

        private final String suffix;

        Kind(String suffix) {
            this.suffix = suffix;
        }

        public String suffix() {
            return suffix;
        }
    }

    public ParameterKey {
        if (layer < 0) {
            throw new IllegalArgumentException("layer index must not be negative: " + layer);
        }
    }

    public static ParameterKey weights(int layer) {
        return new ParameterKey(layer, Kind.WEIGHTS);
    }

    public static ParameterKey bias(int layer) {
        return new ParameterKey(layer, Kind.BIAS);
    }

    /**
     * The key of a parameter name ({@code "0_W"}) or of an updater-state name ({@code "0_W/M"}: the parameter the state
     * belongs to). Throws naming the text when it is neither.
     */
    public static ParameterKey parse(String name) {
        int slash = name.indexOf('/');
        String parameter = slash < 0 ? name : name.substring(0, slash);
        int underscore = parameter.indexOf('_');
        if (underscore > 0 && parameter.chars().limit(underscore).allMatch(Character::isDigit)) {
            String suffix = parameter.substring(underscore + 1);
            for (Kind kind : Kind.values()) {
                if (kind.suffix.equals(suffix)) {
                    return new ParameterKey(Integer.parseInt(parameter.substring(0, underscore)), kind);
                }
            }
        }
        throw new IllegalArgumentException("not a parameter name (LAYER_W, LAYER_b, LAYER_gamma, LAYER_beta, LAYER_mean or"
                + " LAYER_log10stdev, e.g. 0_W): '" + name + "'");
    }

    /** DL4J's key: {@code "0_W"}. */
    public String name() {
        return layer + "_" + kind.suffix;
    }

    public boolean isBias() {
        return kind == Kind.BIAS;
    }

    /** A running statistic of batch normalisation: set from the batches, not trained by the updater. */
    public boolean isRunningStatistic() {
        return kind == Kind.MEAN || kind == Kind.LOG10_STD;
    }

    /** The name of one of this parameter's updater-state arrays: {@code "0_W/M"} for slot {@code "M"}. */
    public String stateName(String slot) {
        return name() + "/" + slot;
    }

    /** The name of updater-state slot {@code slot} of the parameter named {@code parameter}: {@code "0_W/M"}. */
    public static String stateName(String parameter, String slot) {
        return parse(parameter).stateName(slot);
    }

    /** The slot of an updater-state name ({@code "M"} of {@code "0_W/M"}); throws when the name has none. */
    public static String slotOf(String stateName) {
        int slash = stateName.indexOf('/');
        if (slash < 0 || slash == stateName.length() - 1) {
            throw new IllegalArgumentException("not an updater-state name (PARAMETER/SLOT, e.g. 0_W/M): '" + stateName + "'");
        }
        return stateName.substring(slash + 1);
    }

    /**
     * The key of layer {@code layer}'s dropout arrays (its mask, its input after dropout) in the maps that sit beside the
     * parameters': {@code "1_dropout"}.
     */
    public static String dropoutName(int layer) {
        return layer + DROPOUT_SUFFIX;
    }

    private static final String DROPOUT_SUFFIX = "_dropout";

    /** The layer of a parameter, updater-state or dropout name ({@code "1_W"}, {@code "1_W/M"}, {@code "1_dropout"}). */
    public static int layerOf(String name) {
        if (name.endsWith(DROPOUT_SUFFIX)) {
            String layer = name.substring(0, name.length() - DROPOUT_SUFFIX.length());
            if (!layer.isEmpty() && layer.chars().allMatch(Character::isDigit)) {
                return Integer.parseInt(layer);
            }
        }
        return parse(name).layer();
    }

    @Override
    public String toString() {
        return name();
    }
}
