package lockstep.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * An n-dimensional array as a NumPy {@code .npy} file holds it: an element type, a shape and the
 * elements in C (row-major) order, little-endian. Immutable. Build one with {@link #ofDoubles},
 * {@link #ofFloats}, {@link #ofInts} or {@link #ofLongs}; read and write it with {@link Npy}.
 */
public final class NpyArray {
    private final NpyType type;
    private final int[] shape;
    private final byte[] data;   // little-endian, C order

    private NpyArray(NpyType type, int[] shape, byte[] data) {
        this.type = type;
        this.shape = shape.clone();
        this.data = data;
        long expected = elementCount(shape) * type.size();
        if (data.length != expected) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " of " + type.descr() + " needs "
                    + expected + " bytes, got " + data.length);
        }
    }

    /** Wraps raw little-endian C-order element bytes (not copied). */
    static NpyArray ofBytes(NpyType type, int[] shape, byte[] data) {
        return new NpyArray(type, shape, data);
    }

    /** A {@code <f8} array. */
    public static NpyArray ofDoubles(int[] shape, double[] values) {
        ByteBuffer b = buffer(values.length, NpyType.F8);
        for (double v : values) {
            b.putDouble(v);
        }
        return checked(NpyType.F8, shape, values.length, b);
    }

    /** A {@code <f4} array; each value is rounded to the nearest float. */
    public static NpyArray ofFloats(int[] shape, double[] values) {
        ByteBuffer b = buffer(values.length, NpyType.F4);
        for (double v : values) {
            b.putFloat((float) v);
        }
        return checked(NpyType.F4, shape, values.length, b);
    }

    /** A {@code <i4} array. */
    public static NpyArray ofInts(int[] shape, int[] values) {
        ByteBuffer b = buffer(values.length, NpyType.I4);
        for (int v : values) {
            b.putInt(v);
        }
        return checked(NpyType.I4, shape, values.length, b);
    }

    /** A {@code <i8} array. */
    public static NpyArray ofLongs(int[] shape, long[] values) {
        ByteBuffer b = buffer(values.length, NpyType.I8);
        for (long v : values) {
            b.putLong(v);
        }
        return checked(NpyType.I8, shape, values.length, b);
    }

    /** {@code <f8} or {@code <f4} as {@code type} says. */
    public static NpyArray ofFloatingPoint(NpyType type, int[] shape, double[] values) {
        return switch (type) {
            case F8 -> ofDoubles(shape, values);
            case F4 -> ofFloats(shape, values);
            default -> throw new IllegalArgumentException(type.descr() + " is not a floating-point type");
        };
    }

    private static ByteBuffer buffer(int n, NpyType type) {
        return ByteBuffer.allocate(Math.multiplyExact(n, type.size())).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static NpyArray checked(NpyType type, int[] shape, int n, ByteBuffer b) {
        if (elementCount(shape) != n) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + elementCount(shape)
                    + " elements, got " + n + " values");
        }
        return new NpyArray(type, shape, b.array());
    }

    /** The number of elements of an array of this shape (1 for the scalar shape {@code ()}). */
    public static long elementCount(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            n = Math.multiplyExact(n, (long) d);
        }
        return n;
    }

    public NpyType type() {
        return type;
    }

    public int[] shape() {
        return shape.clone();
    }

    public int size() {
        return (int) elementCount(shape);
    }

    /** The elements in C order as doubles (exact for every type but {@code <i8} beyond 2^53). */
    public double[] toDoubles() {
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        double[] out = new double[size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = switch (type) {
                case F8 -> b.getDouble();
                case F4 -> b.getFloat();
                case I4 -> b.getInt();
                case I8 -> b.getLong();
            };
        }
        return out;
    }

    /** The elements in C order as longs; floating-point types are refused. */
    public long[] toLongs() {
        if (type.isFloatingPoint()) {
            throw new IllegalStateException("a " + type.descr() + " array holds no integers");
        }
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        long[] out = new long[size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = type == NpyType.I4 ? b.getInt() : b.getLong();
        }
        return out;
    }

    /** The element bytes, little-endian, C order (a copy). */
    public byte[] dataBytes() {
        return data.clone();
    }

    /** The dimensions as NumPy prints a shape: {@code (4, 16)}, {@code (3,)}, {@code ()}. */
    public static String pythonShape(int[] shape) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            b.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return b.append(shape.length == 1 ? ",)" : ")").toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NpyArray a && a.type == type && Arrays.equals(a.shape, shape) && Arrays.equals(a.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * type.hashCode() + Arrays.hashCode(shape)) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return type.descr() + pythonShape(shape);
    }
}
