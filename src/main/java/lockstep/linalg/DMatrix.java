package lockstep.linalg;

import java.util.Arrays;

/** A row-major DOUBLE matrix; {@link #data} is exposed for kernels. */
public final class DMatrix extends Matrix {
    final double[] data;

    public DMatrix(int rows, int cols) {
        super(rows, cols);
        this.data = new double[rows * cols];
    }

    @Override
    public DType dtype() {
        return DType.DOUBLE;
    }

    @Override
    public double get(int i) {
        return data[i];
    }

    @Override
    public void set(int i, double value) {
        data[i] = value;
    }

    @Override
    public DMatrix copy() {
        DMatrix m = new DMatrix(rows, cols);
        System.arraycopy(data, 0, m.data, 0, data.length);
        return m;
    }

    @Override
    public void copyFrom(Matrix source) {
        requireSameShapeAndType(source, "copyFrom");
        System.arraycopy(((DMatrix) source).data, 0, data, 0, data.length);
    }

    @Override
    public void fill(double value) {
        Arrays.fill(data, value);
    }

    @Override
    public double[] toDoubleArray() {
        return data.clone();
    }
}
