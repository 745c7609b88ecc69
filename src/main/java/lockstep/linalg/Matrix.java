package lockstep.linalg;

import java.util.Arrays;

/**
 * A dense row-major matrix of {@code rows x cols} elements stored in one flat array, in FLOAT
 * ({@link FMatrix}) or DOUBLE ({@link DMatrix}). Element (r, c) sits at flat index {@code r*cols + c}.
 * Element access goes through doubles: a FLOAT matrix rounds what is written to float.
 */
public abstract sealed class Matrix permits DMatrix, FMatrix {
    protected final int rows;
    protected final int cols;

    protected Matrix(int rows, int cols) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("negative matrix shape [" + rows + "," + cols + "]");
        }
        this.rows = rows;
        this.cols = cols;
    }

    /** A zero matrix of the given type and shape. */
    public static Matrix zeros(DType dtype, int rows, int cols) {
        return dtype == DType.DOUBLE ? new DMatrix(rows, cols) : new FMatrix(rows, cols);
    }

    /** A matrix of the given type holding {@code values} (row-major, length rows*cols), rounded to float for FLOAT. */
    public static Matrix of(DType dtype, int rows, int cols, double[] values) {
        if (values.length != rows * cols) {
            throw new IllegalArgumentException("expected " + rows * cols + " values for [" + rows + "," + cols
                    + "], got " + values.length);
        }
        Matrix m = zeros(dtype, rows, cols);
        for (int i = 0; i < values.length; i++) {
            m.set(i, values[i]);
        }
        return m;
    }

    public final int rows() {
        return rows;
    }

    public final int cols() {
        return cols;
    }

    public final int size() {
        return rows * cols;
    }

    public abstract DType dtype();

    /** Element at flat row-major index {@code i}. */
    public abstract double get(int i);

    /** Writes element at flat index {@code i} (rounded to float in a FLOAT matrix). */
    public abstract void set(int i, double value);

    public final double get(int row, int col) {
        return get(row * cols + col);
    }

    public final void set(int row, int col, double value) {
        set(row * cols + col, value);
    }

    /** A new zero matrix of this matrix's type with the given shape. */
    public final Matrix like(int newRows, int newCols) {
        return zeros(dtype(), newRows, newCols);
    }

    public abstract Matrix copy();

    /**
     * A {@code [viewRows, viewCols]} matrix over this matrix's elements {@code start .. start + viewRows*viewCols - 1}
     * (flat row-major indices): it shares their storage, so a write through either is seen by both. This is how one flat
     * block holds many matrices, as DL4J's flat parameter vector does.
     */
    public final Matrix view(int start, int viewRows, int viewCols) {
        if (start < 0 || viewRows < 0 || viewCols < 0 || start + viewRows * viewCols > size()) {
            throw new IllegalArgumentException("view [" + viewRows + "," + viewCols + "] at " + start + " does not fit in "
                    + shape());
        }
        return viewAt(start, viewRows, viewCols);
    }

    /** {@link #view} after its bounds check. */
    protected abstract Matrix viewAt(int start, int viewRows, int viewCols);

    /** Copies all elements of {@code source} (same shape and type) into this matrix. Modifies this. */
    public abstract void copyFrom(Matrix source);

    /** Sets every element to {@code value}. Modifies this. */
    public abstract void fill(double value);

    /** The values as floats (rounded once in a DOUBLE matrix), row-major: a copy. */
    public float[] toFloatArray() {
        float[] out = new float[size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) get(i);
        }
        return out;
    }

    /** The elements as a new row-major double array (exact for FLOAT). */
    public double[] toDoubleArray() {
        double[] out = new double[size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = get(i);
        }
        return out;
    }

    public final boolean sameShape(Matrix other) {
        return rows == other.rows && cols == other.cols;
    }

    public final String shape() {
        return "[" + rows + "," + cols + "]";
    }

    /** Throws unless {@code other} has this matrix's shape and type. */
    public final void requireSameShapeAndType(Matrix other, String what) {
        if (!sameShape(other) || dtype() != other.dtype()) {
            throw new IllegalArgumentException(what + ": expected " + dtype() + shape() + " but got "
                    + other.dtype() + other.shape());
        }
    }

    @Override
    public String toString() {
        return dtype() + shape() + (size() <= 16 ? Arrays.toString(toDoubleArray()) : "");
    }
}
