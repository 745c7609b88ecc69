package lockstep.engine;

import java.util.ArrayList;
import java.util.List;
import lockstep.linalg.DType;
import lockstep.linalg.Matrix;
import lockstep.spec.ParameterKey;
import lockstep.spec.ParameterLayout;

/**
 * A network's parameters in three flat blocks, values, gradients and updates, each laid out as the spec's
 * {@link ParameterLayout}: DL4J's order and offsets ({@code params()}, {@code gradient().gradient()}), per layer W
 * [nIn,nOut] row-major then b [nOut]. llm.c keeps its parameters the same way. Every {@link Parameter} is a set of named
 * views into the three blocks, so a layer, an optimizer and a reader of the flat vector all see the same numbers with
 * no copy. The matrix engine and autograd both build their parameters here.
 */
public final class ParameterBlock {
    private final ParameterLayout layout;
    private final Matrix values;       // [1, size]
    private final Matrix gradients;    // [1, size]
    private final Matrix updates;      // [1, size]
    private final List<Parameter> parameters = new ArrayList<>();

    /** Zero blocks of {@code dtype} for {@code layout}, with one {@link Parameter} per key, in the layout's order. */
    public ParameterBlock(ParameterLayout layout, DType dtype) {
        this.layout = layout;
        this.values = Matrix.zeros(dtype, 1, layout.size());
        this.gradients = Matrix.zeros(dtype, 1, layout.size());
        this.updates = Matrix.zeros(dtype, 1, layout.size());
        for (ParameterKey key : layout.keys()) {
            int[] shape = layout.shapes().get(key.name());
            int size = java.util.Arrays.stream(shape).reduce(1, (a, b) -> a * b);
            int rows = shape.length == 1 ? 1 : shape[0];      // a vector [nOut] is held as [1, nOut]
            int cols = size / rows;                           // a convolution's W [nOut, nIn, kh, kw] as [nOut, nIn·kh·kw]
            int at = layout.offset(key.name());
            parameters.add(new Parameter(key, values.view(at, rows, cols), gradients.view(at, rows, cols),
                    updates.view(at, rows, cols), shape));
        }
    }

    public ParameterLayout layout() {
        return layout;
    }

    /** Every parameter, in DL4J's order. */
    public List<Parameter> parameters() {
        return List.copyOf(parameters);
    }

    /** The parameter with this key. */
    public Parameter parameter(ParameterKey key) {
        return parameters.get(layout.keys().indexOf(key));
    }

    /**
     * The parameter with this key, its values set to {@code initial} (c order over its matrix: W [nIn, nOut] of a dense
     * layer, [Cout, C·kh·kw] of a convolution; b [1, n]). Modifies that parameter's values.
     */
    public Parameter initialised(ParameterKey key, double[] initial) {
        Parameter p = parameter(key);
        Matrix value = p.value();
        if (initial.length != value.size()) {
            throw new IllegalArgumentException(key.name() + ": " + initial.length + " initial values for " + value.shape());
        }
        value.copyFrom(Matrix.of(value.dtype(), value.rows(), value.cols(), initial));
        return p;
    }

    /**
     * Batch-normalisation layer {@code layer}'s γ, β, running mean and log10 σ, in DL4J's order and at DL4J's start:
     * γ 1, the others 0. Modifies γ's values.
     */
    public List<Parameter> batchNormalisation(int layer) {
        Parameter gamma = parameter(new ParameterKey(layer, ParameterKey.Kind.GAMMA));
        gamma.value().fill(1.0);
        return List.of(gamma, parameter(new ParameterKey(layer, ParameterKey.Kind.BETA)),
                parameter(new ParameterKey(layer, ParameterKey.Kind.MEAN)),
                parameter(new ParameterKey(layer, ParameterKey.Kind.LOG10_STD)));
    }

    /** Every value in one flat row [1, size]: DL4J's {@code params()}. Writes change the parameters. */
    public Matrix values() {
        return values;
    }

    /** Every gradient of the last backward pass in one flat row [1, size]. */
    public Matrix gradients() {
        return gradients;
    }

    /** Every update of the last step in one flat row [1, size]. */
    public Matrix updates() {
        return updates;
    }
}
