package lockstep.engine;

import lockstep.linalg.Matrix;
import lockstep.spec.ParameterKey;

/**
 * One trainable tensor with its {@link ParameterKey} (named as DL4J's key, {@code "0_W"}, {@code "0_b"}, ...), its
 * current value, the gradient of the batch-mean loss from the last backward pass, and the update the optimizer last
 * subtracted from it: three named views into a network's {@link ParameterBlock}.
 */
public final class Parameter {
    private final ParameterKey key;
    private final String name;   // made once: the step reads it, and a steady-state step allocates nothing
    private final Matrix value;
    private final Matrix gradient;
    private final Matrix update;
    private final int[] shape;   // DL4J's: [nIn, nOut], [nOut], or a convolution's [nOut, nIn, kh, kw]

    /** A parameter of its own, outside any block (a single tensor under test), with zero gradient and update. */
    public Parameter(ParameterKey key, Matrix value) {
        this(key, value, value.like(value.rows(), value.cols()), value.like(value.rows(), value.cols()),
                key.kind() == ParameterKey.Kind.WEIGHTS ? new int[] {value.rows(), value.cols()} : new int[] {value.cols()});
    }

    /** The parameter over the given matrices (one shape and type); see {@link ParameterBlock}. */
    Parameter(ParameterKey key, Matrix value, Matrix gradient, Matrix update, int[] shape) {
        value.requireSameShapeAndType(gradient, "parameter " + key.name());
        value.requireSameShapeAndType(update, "parameter " + key.name());
        if (java.util.Arrays.stream(shape).reduce(1, (a, b) -> a * b) != value.size()) {
            throw new IllegalArgumentException("parameter " + key.name() + ": shape " + java.util.Arrays.toString(shape)
                    + " does not hold " + value.shape());
        }
        this.shape = shape.clone();
        this.key = key;
        this.name = key.name();
        this.value = value;
        this.gradient = gradient;
        this.update = update;
    }

    public ParameterKey key() {
        return key;
    }

    /** DL4J's key, {@code "0_W"}: the name in maps and files. */
    public String name() {
        return name;
    }

    /** The shape DL4J gives this tensor: [nIn, nOut] for dense weights, [nOut, nIn, kh, kw] for a convolution's, [nOut] for a vector (held as [1, nOut]). */
    public int[] shape() {
        return shape.clone();
    }

    /** Each parameter's DL4J shape ({@link #shape()}) by name, in the given order. */
    public static java.util.Map<String, int[]> shapes(java.util.List<Parameter> parameters) {
        java.util.Map<String, int[]> out = new java.util.LinkedHashMap<>();
        for (Parameter p : parameters) {
            out.put(p.name(), p.shape());
        }
        return out;
    }

    public Matrix value() {
        return value;
    }

    public Matrix gradient() {
        return gradient;
    }

    public Matrix update() {
        return update;
    }
}
