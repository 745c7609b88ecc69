package lockstep.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import lockstep.rand.SplitMix64;
import org.junit.jupiter.api.Test;

/**
 * {@link Packing#pack} against its javadoc, written out element by element: the block X[start : start+len, p0 : p0+kc]
 * of the strided view X(r, p) = src[r·rs + p·ps] becomes ceil(len/w) panels of kc·w values from dst[dOff] on, panel q
 * holding at [q·kc·w + p·w + t] the value X(start + q·w + t, p0 + p), or 0 where start + q·w + t runs past the block.
 * The destination starts full of NaN, so a padding value left unwritten and a write outside the panels both show.
 * (The matrix products never read the padding into a result, so only this test can tell whether it is zero.)
 */
class PackingTest {
    /** {rs, ps}: row stride 1 (op(B) of a row-major B), depth stride 1 (op(A) of a row-major A), and neither. */
    private static final int[][] STRIDES = {{1, 23}, {23, 1}, {23, 2}};
    /** {start, len, p0, kc, w}: whole panels, a partial last panel, a single short panel, offsets into the source. */
    private static final int[][] BLOCKS = {{0, 8, 0, 3, 4}, {2, 7, 1, 5, 4}, {5, 3, 4, 2, 8}, {1, 13, 0, 1, 6}};
    private static final int D_OFF = 5;

    private static double expected(double[] src, int rs, int ps, int[] blk, int i) {
        int start = blk[0], len = blk[1], p0 = blk[2], kc = blk[3], w = blk[4];
        int q = i / (kc * w);
        int p = i % (kc * w) / w;
        int t = i % w;
        int r = q * w + t;
        return r < len ? src[(start + r) * rs + (p0 + p) * ps] : 0.0;
    }

    @Test
    void doublePanelsHoldTheBlockInTheDocumentedOrderWithZeroPadding() {
        SplitMix64 rng = new SplitMix64(41);
        double[] src = new double[23 * 23];
        for (int i = 0; i < src.length; i++) {
            src[i] = 1 + rng.nextDouble();          // never 0: a zero in the panels is padding
        }
        for (int[] s : STRIDES) {
            for (int[] blk : BLOCKS) {
                int panels = (blk[1] + blk[4] - 1) / blk[4];
                int size = panels * blk[3] * blk[4];
                double[] dst = new double[D_OFF + size + 8];
                java.util.Arrays.fill(dst, Double.NaN);
                Packing.pack(src, 0, s[0], s[1], blk[0], blk[1], blk[2], blk[3], blk[4], dst, D_OFF);
                double[] want = new double[dst.length];
                java.util.Arrays.fill(want, Double.NaN);
                for (int i = 0; i < size; i++) {
                    want[D_OFF + i] = expected(src, s[0], s[1], blk, i);
                }
                assertArrayEquals(want, dst, 0.0, "rs " + s[0] + " ps " + s[1] + " block " + java.util.Arrays.toString(blk));
            }
        }
    }

    @Test
    void floatPanelsHoldTheBlockInTheDocumentedOrderWithZeroPadding() {
        SplitMix64 rng = new SplitMix64(42);
        float[] src = new float[23 * 23];
        double[] srcD = new double[src.length];
        for (int i = 0; i < src.length; i++) {
            src[i] = (float) (1 + rng.nextDouble());
            srcD[i] = src[i];
        }
        for (int[] s : STRIDES) {
            for (int[] blk : BLOCKS) {
                int panels = (blk[1] + blk[4] - 1) / blk[4];
                int size = panels * blk[3] * blk[4];
                float[] dst = new float[D_OFF + size + 8];
                java.util.Arrays.fill(dst, Float.NaN);
                Packing.pack(src, 0, s[0], s[1], blk[0], blk[1], blk[2], blk[3], blk[4], dst, D_OFF);
                for (int i = 0; i < dst.length; i++) {
                    double want = i < D_OFF || i >= D_OFF + size ? Double.NaN : expected(srcD, s[0], s[1], blk, i - D_OFF);
                    assertEquals(want, dst[i], 0.0, "rs " + s[0] + " ps " + s[1] + " block "
                            + java.util.Arrays.toString(blk) + " at " + i);
                }
            }
        }
    }
}
