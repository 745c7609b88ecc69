package lockstep.spec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A network's parameters as the spec defines them, in DL4J's order (per layer W [nIn, nOut], then b [nOut]), with
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

    /** The layout of {@code network}'s dense layers. */
    public static ParameterLayout of(NetworkSpec network) {
        return dense(network.layers().stream().map(l -> new int[] {l.nIn(), l.nOut()}).toArray(int[][]::new));
    }

    /** The layout of dense layers of the given {nIn, nOut}, in order (a network built by hand, as tests do). */
    public static ParameterLayout dense(int[]... layers) {
        List<ParameterKey> keys = new ArrayList<>();
        Map<String, int[]> shapes = new LinkedHashMap<>();
        Map<String, Integer> offsets = new LinkedHashMap<>();
        int offset = 0;
        for (int i = 0; i < layers.length; i++) {
            for (ParameterKey key : List.of(ParameterKey.weights(i), ParameterKey.bias(i))) {
                int[] shape = key.shape(layers[i][0], layers[i][1]);
                keys.add(key);
                shapes.put(key.name(), shape);
                offsets.put(key.name(), offset);
                offset += java.util.Arrays.stream(shape).reduce(1, (a, b) -> a * b);
            }
        }
        return new ParameterLayout(List.copyOf(keys), Collections.unmodifiableMap(shapes), Collections.unmodifiableMap(offsets),
                offset);
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
