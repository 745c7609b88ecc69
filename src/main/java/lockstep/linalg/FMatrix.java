package lockstep.linalg;

import java.util.Arrays;

/** A row-major FLOAT matrix; {@link #data} is exposed for kernels. Writes through {@link #set} round to float. */
public final class FMatrix extends Matrix {
    final float[] data;

    public FMatrix(int rows, int cols) {
        super(rows, cols);
        this.data = new float[rows * cols];
    }

    @Override
    public DType dtype() {
        return DType.FLOAT;
    }

    @Override
    public double get(int i) {
        return data[i];
    }

    @Override
    public void set(int i, double value) {
        data[i] = (float) value;
    }

    @Override
    public FMatrix copy() {
        FMatrix m = new FMatrix(rows, cols);
        System.arraycopy(data, 0, m.data, 0, data.length);
        return m;
    }

    @Override
    public void copyFrom(Matrix source) {
        requireSameShapeAndType(source, "copyFrom");
        System.arraycopy(((FMatrix) source).data, 0, data, 0, data.length);
    }

    @Override
    public void fill(double value) {
        Arrays.fill(data, (float) value);
    }
}
