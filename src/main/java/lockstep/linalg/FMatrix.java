package lockstep.linalg;

import java.util.Arrays;

/**
 * A row-major FLOAT matrix, its own or a view into a shared block; {@link #data} and {@link #off} are for the kernels.
 * Writes through {@link #set} round to float.
 */
public final class FMatrix extends Matrix {
    final float[] data;
    /** Where element 0 sits in {@link #data}: 0 for a matrix of its own, the view's start in a shared block. */
    final int off;

    public FMatrix(int rows, int cols) {
        this(new float[rows * cols], 0, rows, cols);
    }

    private FMatrix(float[] data, int off, int rows, int cols) {
        super(rows, cols);
        this.data = data;
        this.off = off;
    }

    @Override
    public DType dtype() {
        return DType.FLOAT;
    }

    @Override
    public double get(int i) {
        return data[off + i];
    }

    @Override
    public void set(int i, double value) {
        data[off + i] = (float) value;
    }

    @Override
    public FMatrix copy() {
        FMatrix m = new FMatrix(rows, cols);
        System.arraycopy(data, off, m.data, 0, size());
        return m;
    }

    @Override
    public void copyFrom(Matrix source) {
        requireSameShapeAndType(source, "copyFrom");
        FMatrix s = (FMatrix) source;
        System.arraycopy(s.data, s.off, data, off, size());
    }

    @Override
    public void fill(double value) {
        Arrays.fill(data, off, off + size(), (float) value);
    }

    @Override
    protected FMatrix viewAt(int start, int viewRows, int viewCols) {
        return new FMatrix(data, off + start, viewRows, viewCols);
    }
}
