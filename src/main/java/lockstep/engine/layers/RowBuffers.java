package lockstep.engine.layers;

import lockstep.linalg.DType;
import lockstep.linalg.Matrix;

/**
 * Work matrices of a fixed set of widths, [rows, width_i], reused from step to step so that a
 * steady-state training step allocates nothing. Two batch sizes are kept (an epoch has the full batch
 * and, at its end, a partial one); a third evicts the one used least recently.
 */
public final class RowBuffers {
    private final DType dtype;
    private final int[] widths;
    private Matrix[] first;
    private Matrix[] second;

    public RowBuffers(DType dtype, int... widths) {
        this.dtype = dtype;
        this.widths = widths.clone();
    }

    /** The matrices for {@code rows} rows, in the order of the widths given to the constructor. */
    public Matrix[] get(int rows) {
        if (first != null && first[0].rows() == rows) {
            return first;
        }
        if (second != null && second[0].rows() == rows) {
            Matrix[] hit = second;     // most recently used goes first
            second = first;
            first = hit;
            return hit;
        }
        Matrix[] fresh = new Matrix[widths.length];
        for (int i = 0; i < widths.length; i++) {
            fresh[i] = Matrix.zeros(dtype, rows, widths[i]);
        }
        second = first;
        first = fresh;
        return fresh;
    }
}
