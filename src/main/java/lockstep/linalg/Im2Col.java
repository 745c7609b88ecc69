package lockstep.linalg;

/**
 * Convolution as a matrix product: im2col lays one example's input windows out as the columns of a matrix, so that
 * {@code W [Cout, C·kh·kw] · cols [C·kh·kw, outH·outW]} is the convolution's output [Cout, outH·outW]; col2im sends a
 * gradient with respect to those columns back onto the input. Row k of the column matrix is
 * {@code k = (c·kh + i)·kw + j} (DL4J's W [Cout, C, kh, kw] in c order), column p is {@code p = oh·outW + ow}, and
 * {@code cols[k, p] = x[c, oh·sh − padTop + i, ow·sw − padLeft + j]}, zero where that falls in the padding.
 */
public final class Im2Col {
    private Im2Col() {
    }

    /** x [C, H·W] (one example, NCHW) -> cols [C·kh·kw, outH·outW]. Modifies cols. */
    public static void im2col(Matrix x, ConvShape g, Matrix cols) {
        check(x, g, cols, "im2col");
        if (x instanceof DMatrix dx && cols instanceof DMatrix dc) {
            doubles(dx.data, dx.off, g, dc.data, dc.off);
        } else if (x instanceof FMatrix fx && cols instanceof FMatrix fc) {
            floats(fx.data, fx.off, g, fc.data, fc.off);
        } else {
            throw new IllegalArgumentException("im2col: image " + x.dtype() + " and columns " + cols.dtype() + " differ in type");
        }
    }

    /** The DOUBLE im2col: row k of cols (from c0) is x (from x0) at kernel offset (i, j) of channel c, for every window. */
    private static void doubles(double[] x, int x0, ConvShape g, double[] cols, int c0) {
        int p = g.windows();
        for (int c = 0; c < g.channels(); c++) {
            for (int i = 0; i < g.kernelH(); i++) {
                for (int j = 0; j < g.kernelW(); j++) {
                    int row = c0 + ((c * g.kernelH() + i) * g.kernelW() + j) * p;
                    for (int oh = 0; oh < g.outH(); oh++) {
                        int h = oh * g.strideH() - g.padTop() + i;
                        int at = row + oh * g.outW();
                        if (h < 0 || h >= g.height()) {
                            java.util.Arrays.fill(cols, at, at + g.outW(), 0.0);
                            continue;
                        }
                        int base = x0 + (c * g.height() + h) * g.width();
                        for (int ow = 0; ow < g.outW(); ow++) {
                            int w = ow * g.strideW() - g.padLeft() + j;
                            cols[at + ow] = w >= 0 && w < g.width() ? x[base + w] : 0.0;
                        }
                    }
                }
            }
        }
    }

    /** The FLOAT twin of {@link #doubles}. */
    private static void floats(float[] x, int x0, ConvShape g, float[] cols, int c0) {
        int p = g.windows();
        for (int c = 0; c < g.channels(); c++) {
            for (int i = 0; i < g.kernelH(); i++) {
                for (int j = 0; j < g.kernelW(); j++) {
                    int row = c0 + ((c * g.kernelH() + i) * g.kernelW() + j) * p;
                    for (int oh = 0; oh < g.outH(); oh++) {
                        int h = oh * g.strideH() - g.padTop() + i;
                        int at = row + oh * g.outW();
                        if (h < 0 || h >= g.height()) {
                            java.util.Arrays.fill(cols, at, at + g.outW(), 0f);
                            continue;
                        }
                        int base = x0 + (c * g.height() + h) * g.width();
                        for (int ow = 0; ow < g.outW(); ow++) {
                            int w = ow * g.strideW() - g.padLeft() + j;
                            cols[at + ow] = w >= 0 && w < g.width() ? x[base + w] : 0f;
                        }
                    }
                }
            }
        }
    }

    /**
     * dcols [C·kh·kw, outH·outW] -> dx [C, H·W]: each input element gets the sum of the column entries im2col copied it
     * to (in order of k, then p); padding positions are dropped. Modifies dx (overwritten).
     */
    public static void col2im(Matrix dcols, ConvShape g, Matrix dx) {
        check(dx, g, dcols, "col2im");
        dx.fill(0.0);
        if (dx instanceof DMatrix d && dcols instanceof DMatrix dc) {
            addBackDoubles(dc.data, dc.off, g, d.data, d.off);
        } else if (dx instanceof FMatrix f && dcols instanceof FMatrix fc) {
            addBackFloats(fc.data, fc.off, g, f.data, f.off);
        } else {
            throw new IllegalArgumentException("col2im: image " + dx.dtype() + " and columns " + dcols.dtype() + " differ in type");
        }
    }

    /** The DOUBLE col2im: dx (from x0) += each column entry (from c0) at the input position im2col took it from. */
    private static void addBackDoubles(double[] cols, int c0, ConvShape g, double[] dx, int x0) {
        int p = g.windows();
        for (int c = 0; c < g.channels(); c++) {
            for (int i = 0; i < g.kernelH(); i++) {
                for (int j = 0; j < g.kernelW(); j++) {
                    int row = c0 + ((c * g.kernelH() + i) * g.kernelW() + j) * p;
                    for (int oh = 0; oh < g.outH(); oh++) {
                        int h = oh * g.strideH() - g.padTop() + i;
                        if (h < 0 || h >= g.height()) {
                            continue;
                        }
                        int base = x0 + (c * g.height() + h) * g.width();
                        int at = row + oh * g.outW();
                        for (int ow = 0; ow < g.outW(); ow++) {
                            int w = ow * g.strideW() - g.padLeft() + j;
                            if (w >= 0 && w < g.width()) {
                                dx[base + w] += cols[at + ow];
                            }
                        }
                    }
                }
            }
        }
    }

    /** The FLOAT twin of {@link #addBackDoubles} (each sum rounded to float, as through get/set). */
    private static void addBackFloats(float[] cols, int c0, ConvShape g, float[] dx, int x0) {
        int p = g.windows();
        for (int c = 0; c < g.channels(); c++) {
            for (int i = 0; i < g.kernelH(); i++) {
                for (int j = 0; j < g.kernelW(); j++) {
                    int row = c0 + ((c * g.kernelH() + i) * g.kernelW() + j) * p;
                    for (int oh = 0; oh < g.outH(); oh++) {
                        int h = oh * g.strideH() - g.padTop() + i;
                        if (h < 0 || h >= g.height()) {
                            continue;
                        }
                        int base = x0 + (c * g.height() + h) * g.width();
                        int at = row + oh * g.outW();
                        for (int ow = 0; ow < g.outW(); ow++) {
                            int w = ow * g.strideW() - g.padLeft() + j;
                            if (w >= 0 && w < g.width()) {
                                dx[base + w] += cols[at + ow];
                            }
                        }
                    }
                }
            }
        }
    }

    private static void check(Matrix image, ConvShape g, Matrix cols, String what) {
        if (image.size() != g.inputSize() || cols.rows() != g.patchSize() || cols.cols() != g.windows()) {
            throw new IllegalArgumentException(what + ": image " + image.shape() + " and columns " + cols.shape()
                    + " do not fit " + g);
        }
    }
}
