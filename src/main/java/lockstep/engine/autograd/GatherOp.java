package lockstep.engine.autograd;

import lockstep.linalg.Matrix;

/**
 * Elements picked from the input by an index map (reshapes, channel permutations and a convolution's windows; the
 * maps are {@link GatherMaps}'):
 * <pre>
 *   forward:  Y_i = X_source[i], or the fill value where source[i] = −1     X [m,n] -> Y [rows,cols]
 *   backward: dX_j = Σ over the i with source[i] = j of dY_i              [m,n]   (in order of i; fills get nothing)
 * </pre>
 * Indices are into the row-major elements.
 */
final class GatherOp extends Op {
    private final Tensor x;
    private final String name;
    private final int[] source;

    private GatherOp(Tensor x, String name, int[] source) {
        super(x);
        this.x = x;
        this.name = name;
        this.source = source;
    }

    /** Y [rows,cols] with Y_i = X_source[i] (fill where −1); source has rows·cols entries. */
    static Tensor apply(Tensor x, String name, int rows, int cols, int[] source, double fill) {
        if (source.length != rows * cols) {
            throw new IllegalArgumentException(name + ": " + source.length + " indices for a [" + rows + "," + cols + "] result");
        }
        Matrix y = x.data().like(rows, cols);
        for (int i = 0; i < source.length; i++) {
            y.set(i, source[i] >= 0 ? x.data().get(source[i]) : fill);     // Y_i = X_source[i]
        }
        return new GatherOp(x, name, source).record(y);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    protected Matrix[] backward(Matrix dY) {
        Matrix dX = dY.like(x.rows(), x.cols());
        for (int i = 0; i < source.length; i++) {
            if (source[i] >= 0) {
                dX.set(source[i], dX.get(source[i]) + dY.get(i));          // dX_source[i] += dY_i
            }
        }
        return new Matrix[] {dX};
    }
}
