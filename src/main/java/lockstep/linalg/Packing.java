package lockstep.linalg;

import java.util.Arrays;

/**
 * Copies a block of op(A) or op(B) into the contiguous micro-panel layout the kernels read.
 * The source is a strided view X with element (r, p) at {@code src[sOff + r*rs + p*ps]}: for op(A), r is
 * a row of C and p runs along k; for op(B), r is a column of C and p runs along k. The block
 * X[start : start+len, p0 : p0+kc] becomes ceil(len/w) panels of {@code kc*w} elements, panel q
 * (starting at {@code dst[dOff]}) holding, for each p in turn, the w values X[start + q*w + t, p0 + p] (t = 0..w-1), with zeros
 * where start + q*w + t runs past the block. Only {@code dst} is modified. When the source's r
 * stride is 1 (op(B) of a row-major B, op(A) of a transposed A) each source row p is copied across all
 * panels in one sequential pass, which reads memory in order instead of jumping a row per value; otherwise
 * (the products' other operand, whose p stride is then 1) each row r is read once along p.
 */
final class Packing {
    private Packing() {
    }

    static void pack(float[] src, int sOff, int rs, int ps, int start, int len, int p0, int kc, int w, float[] dst, int dOff) {
        if (rs == 1) { // the w values of a panel at one p are contiguous: copy each source row p across every panel
            int full = len / w * w;
            for (int p = 0; p < kc; p++) {
                int s = sOff + start + (p0 + p) * ps;
                int d = dOff + p * w;
                for (int q = 0; q < full; q += w, d += kc * w) {
                    System.arraycopy(src, s + q, dst, d, w);
                }
                if (full < len) { // the last panel: len - full real values, zeros after them
                    System.arraycopy(src, s + full, dst, d, len - full);
                    Arrays.fill(dst, d + len - full, d + w, 0f);
                }
            }
            return;
        }
        for (int q = 0, d = dOff; q < len; q += w, d += kc * w) {
            int h = Math.min(w, len - q); // real rows of this panel; rows h..w-1 are zero padding
            int s = sOff + (start + q) * rs + p0 * ps;
            for (int t = 0; t < h; t++) { // row by row: contiguous along k when ps is 1, as it is whenever rs is not
                for (int p = 0; p < kc; p++) {
                    dst[d + p * w + t] = src[s + t * rs + p * ps];
                }
            }
            for (int p = 0; h < w && p < kc; p++) {
                Arrays.fill(dst, d + p * w + h, d + p * w + w, 0f);
            }
        }
    }

    /** The DOUBLE twin of {@link #pack(float[], int, int, int, int, int, int, int, int, float[], int)}. */
    static void pack(double[] src, int sOff, int rs, int ps, int start, int len, int p0, int kc, int w, double[] dst, int dOff) {
        if (rs == 1) {
            int full = len / w * w;
            for (int p = 0; p < kc; p++) {
                int s = sOff + start + (p0 + p) * ps;
                int d = dOff + p * w;
                for (int q = 0; q < full; q += w, d += kc * w) {
                    System.arraycopy(src, s + q, dst, d, w);
                }
                if (full < len) {
                    System.arraycopy(src, s + full, dst, d, len - full);
                    Arrays.fill(dst, d + len - full, d + w, 0.0);
                }
            }
            return;
        }
        for (int q = 0, d = dOff; q < len; q += w, d += kc * w) {
            int h = Math.min(w, len - q);
            int s = sOff + (start + q) * rs + p0 * ps;
            for (int t = 0; t < h; t++) {
                for (int p = 0; p < kc; p++) {
                    dst[d + p * w + t] = src[s + t * rs + p * ps];
                }
            }
            for (int p = 0; h < w && p < kc; p++) {
                Arrays.fill(dst, d + p * w + h, d + p * w + w, 0.0);
            }
        }
    }
}
