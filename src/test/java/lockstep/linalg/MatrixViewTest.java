package lockstep.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import lockstep.rand.SplitMix64;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Views into one flat block (how the engine holds its parameters, gradients and updates, as DL4J's flat vectors do):
 * every product path (direct, packed, split over threads, shared) and every element and row operation gives on views
 * at odd offsets exactly the bits it gives on matrices of their own, and writes nothing outside the view it modifies.
 */
class MatrixViewTest {
    private static final double SENTINEL = -12345.0;

    private static final MatMul[] PRODUCTS = {
        new FastMatMul(Kernels.BEST, 1, Long.MAX_VALUE),            // direct for tiny, packed otherwise
        new FastMatMul(Kernels.BEST, 1, Long.MAX_VALUE, -1),        // packed always
        new FastMatMul(Kernels.BEST, 2, 0, FastMatMul.DEFAULT_DIRECT_MAX_VOLUME, Long.MAX_VALUE),   // split
        new FastMatMul(Kernels.BEST, 2, 0, FastMatMul.DEFAULT_DIRECT_MAX_VOLUME, 0),                // shared
        new FastMatMul(Kernels.SCALAR, 1, Long.MAX_VALUE),
        new NaiveMatMul(),
    };

    static Stream<Arguments> productCases() {
        List<Arguments> out = new ArrayList<>();
        int[][] shapes = {{3, 5, 4}, {17, 33, 7}, {70, 90, 300}};
        for (DType dtype : DType.values()) {
            for (int p = 0; p < PRODUCTS.length; p++) {
                for (int[] s : shapes) {
                    for (int flags = 0; flags < 8; flags++) {
                        out.add(Arguments.of(dtype, p, s[0], s[1], s[2], (flags & 1) != 0, (flags & 2) != 0, (flags & 4) != 0));
                    }
                }
            }
        }
        return out.stream();
    }

    /** A block of {@code size} sentinel values. */
    private static Matrix block(DType dtype, int size) {
        Matrix m = Matrix.zeros(dtype, 1, size);
        m.fill(SENTINEL);
        return m;
    }

    private static Matrix random(DType dtype, int rows, int cols, long seed) {
        SplitMix64 r = new SplitMix64(seed);
        double[] v = new double[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextDouble() * 2 - 1;
        }
        return Matrix.of(dtype, rows, cols, v);
    }

    /** The block's elements outside [start, start + size) are all still the sentinel. */
    private static void untouchedOutside(Matrix block, int start, int size) {
        for (int i = 0; i < block.size(); i++) {
            if (i < start || i >= start + size) {
                assertEquals(SENTINEL, block.get(i), "element " + i + " of the block, outside the view at " + start);
            }
        }
    }

    @ParameterizedTest(name = "{0} product {1} [{2}x{3}x{4}] tA={5} tB={6} acc={7}")
    @MethodSource("productCases")
    void productsOnViewsAreTheProductsOnMatricesOfTheirOwn(DType dtype, int product, int m, int n, int k, boolean ta,
                                                           boolean tb, boolean accumulate) {
        Matrix a = random(dtype, ta ? k : m, ta ? m : k, 1);
        Matrix b = random(dtype, tb ? n : k, tb ? k : n, 2);
        Matrix c = random(dtype, m, n, 3);
        int aAt = 3, bAt = aAt + a.size() + 5, cAt = bAt + b.size() + 7;
        Matrix block = block(dtype, cAt + c.size() + 11);
        Matrix av = block.view(aAt, a.rows(), a.cols());
        Matrix bv = block.view(bAt, b.rows(), b.cols());
        Matrix cv = block.view(cAt, m, n);
        av.copyFrom(a);
        bv.copyFrom(b);
        cv.copyFrom(c);

        PRODUCTS[product].multiply(a, ta, b, tb, c, accumulate);
        PRODUCTS[product].multiply(av, ta, bv, tb, cv, accumulate);

        assertArrayEquals(c.toDoubleArray(), cv.toDoubleArray());
        assertArrayEquals(a.toDoubleArray(), av.toDoubleArray(), "A read only");
        assertArrayEquals(b.toDoubleArray(), bv.toDoubleArray(), "B read only");
        for (int i = 0; i < block.size(); i++) {
            boolean inside = (i >= aAt && i < aAt + a.size()) || (i >= bAt && i < bAt + b.size()) || (i >= cAt && i < cAt + c.size());
            if (!inside) {
                assertEquals(SENTINEL, block.get(i), "element " + i + " between the views");
            }
        }
    }

    /** {@code op} applied to (x, y) on matrices of their own and on views of a block; y is the one modified. */
    private static void sameOnViews(DType dtype, int rows, int cols, Consumer<Matrix[]> op) {
        Matrix x = random(dtype, rows, cols, 7);
        Matrix y = random(dtype, rows, cols, 8);
        int xAt = 5, yAt = xAt + x.size() + 3;
        Matrix block = block(dtype, yAt + y.size() + 9);
        Matrix xv = block.view(xAt, rows, cols);
        Matrix yv = block.view(yAt, rows, cols);
        xv.copyFrom(x);
        yv.copyFrom(y);
        op.accept(new Matrix[] {x, y});
        op.accept(new Matrix[] {xv, yv});
        assertArrayEquals(y.toDoubleArray(), yv.toDoubleArray());
        assertArrayEquals(x.toDoubleArray(), xv.toDoubleArray());
        xv.fill(SENTINEL);
        yv.fill(SENTINEL);
        untouchedOutside(block, 0, 0);     // so nothing outside the two views was written
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void elementAndRowOperationsOnViewsAreTheOperationsOnMatricesOfTheirOwn(DType dtype) {
        ElementOps.ElementFunction tanh = new ElementOps.ElementFunction() {
            public double value(double v) {
                return Math.tanh(v);
            }

            public float valueFloat(float v) {
                return (float) Math.tanh(v);
            }
        };
        ElementOps.ElementFunction2 product = new ElementOps.ElementFunction2() {
            public double value(double p, double q) {
                return p * q + 1;
            }

            public float valueFloat(float p, float q) {
                return p * q + 1;
            }
        };
        sameOnViews(dtype, 3, 7, m -> ElementOps.scale(0.3, m[0], m[1]));
        sameOnViews(dtype, 3, 7, m -> ElementOps.addScaled(-0.7, m[0], m[1]));
        sameOnViews(dtype, 3, 7, m -> ElementOps.addScaledSign(0.1, m[0], m[1]));
        sameOnViews(dtype, 3, 7, m -> ElementOps.multiply(m[0], m[1], m[1]));
        sameOnViews(dtype, 3, 7, m -> ElementOps.add(m[0], m[1], m[1]));
        sameOnViews(dtype, 3, 7, m -> ElementOps.subtract(m[1], m[0]));
        sameOnViews(dtype, 3, 7, m -> ElementOps.divide(m[1], 3.0));
        sameOnViews(dtype, 3, 7, m -> ElementOps.clip(m[1], 0.25));
        sameOnViews(dtype, 3, 7, m -> ElementOps.map(m[0], m[1], tanh));
        sameOnViews(dtype, 3, 7, m -> ElementOps.multiplyByFunction(m[0], m[0], m[1], m[1], product));
        sameOnViews(dtype, 3, 7, m -> m[1].set(0, ElementOps.sumOfSquares(List.of(m[0], m[1]))));
        sameOnViews(dtype, 3, 7, m -> ElementOps.updateWithState(m[0], m[0], new Matrix[] {m[1]}, new double[1], 2.0,
                (g, s, step) -> {
                    s[0] = 0.9 * s[0] + g;
                    return step * s[0];
                }));
        sameOnViews(dtype, 1, 7, m -> RowOps.sumRows(m[0], m[1]));
        Matrix z = random(dtype, 4, 7, 9);
        Matrix zOwn = z.copy();
        Matrix block = block(dtype, 40);
        Matrix bias = block.view(13, 1, 7);
        bias.copyFrom(random(dtype, 1, 7, 10));
        RowOps.addRowVector(zOwn, bias.copy());
        RowOps.addRowVector(z, bias);
        assertArrayEquals(zOwn.toDoubleArray(), z.toDoubleArray(), "a bias view added to every row");
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void aViewSharesItsBlocksStorageAndCopiesAreItsOwn(DType dtype) {
        Matrix block = block(dtype, 10);
        Matrix v = block.view(4, 2, 3);
        v.set(1, 2, 0.5);
        assertEquals(0.5, block.get(4 + 5), "a write through the view is the block's");
        block.set(4, 0.25);
        assertEquals(0.25, v.get(0, 0), "and the other way");
        Matrix copy = v.copy();
        copy.fill(1.0);
        assertEquals(0.25, v.get(0), "a copy has storage of its own");
        v.fill(2.0);
        untouchedOutside(block, 4, 6);
        assertArrayEquals(new double[] {2, 2, 2, 2, 2, 2}, v.toDoubleArray());
        assertThrows(IllegalArgumentException.class, () -> block.view(5, 2, 3), "past the end");
        assertThrows(IllegalArgumentException.class, () -> block.view(-1, 1, 1));
    }
}
