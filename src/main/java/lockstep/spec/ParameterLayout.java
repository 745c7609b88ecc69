package lockstep.spec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A network's parameters as the spec defines them, in DL4J's order (a dense layer's W [nIn, nOut], then b [nOut]; see
 * {@link #of} for the other layers), with
 * each tensor's shape and its offset in the flat parameter vector (DL4J's {@code params()}). Derived from the
 * {@link NetworkSpec} alone, so the DL4J side, the comparisons and the golden files never take a shape from the
 * engine they check. Immutable.
 */
public final class ParameterLayout {
    private final List<ParameterKey> keys;
    private final Map<String, int[]> shapes;
    private final Map<String, Integer> offsets;
    private final int size;

    private ParameterLayout(List<ParameterKey> keys, Map<String, int[]> shapes, Map<String, Integer> offsets, int size) {
        this.keys = keys;
        this.shapes = shapes;
        this.offsets = offsets;
        this.size = size;
    }

    /**
     * The layout of {@code network}'s layers in DL4J's order: a dense layer's W [nIn, nOut] then b [nOut]; a
     * convolution's b [nOut] then W [nOut, nIn, kh, kw] (DL4J keeps the bias first there); batch normalisation's
     * gamma, beta, mean, log10stdev [nOut]; nothing for pooling.
     */
    public static ParameterLayout of(NetworkSpec network) {
        Builder b = new Builder();
        for (int i = 0; i < network.layers().size(); i++) {
            LayerSpec l = network.layers().get(i);
            switch (l.type()) {
                case DENSE -> {
                    b.add(ParameterKey.weights(i), l.nIn(), l.nOut());
                    b.add(ParameterKey.bias(i), l.nOut());
                }
                case CONVOLUTION -> {
                    b.add(ParameterKey.bias(i), l.nOut());
                    b.add(ParameterKey.weights(i), l.nOut(), l.nIn(), l.window().kernelH(), l.window().kernelW());
                }
                case BATCH_NORMALIZATION -> {
                    for (ParameterKey.Kind k : List.of(ParameterKey.Kind.GAMMA, ParameterKey.Kind.BETA, ParameterKey.Kind.MEAN,
                            ParameterKey.Kind.LOG10_STD)) {
                        b.add(new ParameterKey(i, k), l.nOut());
                    }
                }
                case SUBSAMPLING -> {
                }
            }
        }
        return b.build();
    }

    /** Collects keys, shapes and offsets in order. */
    private static final class Builder {
        private final List<ParameterKey> keys = new ArrayList<>();
        private final Map<String, int[]> shapes = new LinkedHashMap<>();
        private final Map<String, Integer> offsets = new LinkedHashMap<>();
        private int offset;

        void add(ParameterKey key, int... shape) {
            keys.add(key);
            shapes.put(key.name(), shape);
            offsets.put(key.name(), offset);
            offset += java.util.Arrays.stream(shape).reduce(1, (x, y) -> x * y);
        }

        ParameterLayout build() {
            return new ParameterLayout(List.copyOf(keys), Collections.unmodifiableMap(shapes),
                    Collections.unmodifiableMap(offsets), offset);
        }
    }

    /** The layout of dense layers of the given {nIn, nOut}, in order (a network built by hand, as tests do). */
    public static ParameterLayout dense(int[]... layers) {
        Builder b = new Builder();
        for (int i = 0; i < layers.length; i++) {
            b.add(ParameterKey.weights(i), layers[i][0], layers[i][1]);
            b.add(ParameterKey.bias(i), layers[i][1]);
        }
        return b.build();
    }

    /** The parameters in DL4J's order. */
    public List<ParameterKey> keys() {
        return keys;
    }

    /** Each parameter's shape by name, in DL4J's order (the arrays must not be modified). */
    public Map<String, int[]> shapes() {
        return shapes;
    }

    /** Where parameter {@code name} starts in the flat vector. */
    public int offset(String name) {
        Integer o = offsets.get(name);
        if (o == null) {
            throw new IllegalArgumentException("no parameter '" + name + "' in this network: " + offsets.keySet());
        }
        return o;
    }

    /** The number of parameters: the flat vector's length. */
    public int size() {
        return size;
    }
}
