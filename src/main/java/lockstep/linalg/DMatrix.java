package lockstep.linalg;

import java.util.Arrays;

/** A row-major DOUBLE matrix, its own or a view into a shared block; {@link #data} and {@link #off} are for the kernels. */
public final class DMatrix extends Matrix {
    final double[] data;
    /** Where element 0 sits in {@link #data}: 0 for a matrix of its own, the view's start in a shared block. */
    final int off;

    public DMatrix(int rows, int cols) {
        this(new double[rows * cols], 0, rows, cols);
    }

    private DMatrix(double[] data, int off, int rows, int cols) {
        super(rows, cols);
        this.data = data;
        this.off = off;
    }

    @Override
    public DType dtype() {
        return DType.DOUBLE;
    }

    @Override
    public double get(int i) {
        return data[off + i];
    }

    @Override
    public void set(int i, double value) {
        data[off + i] = value;
    }

    @Override
    public DMatrix copy() {
        DMatrix m = new DMatrix(rows, cols);
        System.arraycopy(data, off, m.data, 0, size());
        return m;
    }

    @Override
    public void copyFrom(Matrix source) {
        requireSameShapeAndType(source, "copyFrom");
        DMatrix s = (DMatrix) source;
        System.arraycopy(s.data, s.off, data, off, size());
    }

    @Override
    public void fill(double value) {
        Arrays.fill(data, off, off + size(), value);
    }

    @Override
    protected DMatrix viewAt(int start, int viewRows, int viewCols) {
        return new DMatrix(data, off + start, viewRows, viewCols);
    }

    @Override
    public double[] toDoubleArray() {
        return Arrays.copyOfRange(data, off, off + size());
    }
}
