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
        int p = g.windows();
        for (int c = 0; c < g.channels(); c++) {
            for (int i = 0; i < g.kernelH(); i++) {
                for (int j = 0; j < g.kernelW(); j++) {
                    int row = ((c * g.kernelH() + i) * g.kernelW() + j) * p;
                    for (int oh = 0; oh < g.outH(); oh++) {
                        int h = oh * g.strideH() - g.padTop() + i;
                        boolean inside = h >= 0 && h < g.height();
                        for (int ow = 0; ow < g.outW(); ow++) {
                            int w = ow * g.strideW() - g.padLeft() + j;
                            double v = inside && w >= 0 && w < g.width() ? x.get((c * g.height() + h) * g.width() + w) : 0.0;
                            cols.set(row + oh * g.outW() + ow, v);
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
        int p = g.windows();
        for (int c = 0; c < g.channels(); c++) {
            for (int i = 0; i < g.kernelH(); i++) {
                for (int j = 0; j < g.kernelW(); j++) {
                    int row = ((c * g.kernelH() + i) * g.kernelW() + j) * p;
                    for (int oh = 0; oh < g.outH(); oh++) {
                        int h = oh * g.strideH() - g.padTop() + i;
                        if (h < 0 || h >= g.height()) {
                            continue;
                        }
                        for (int ow = 0; ow < g.outW(); ow++) {
                            int w = ow * g.strideW() - g.padLeft() + j;
                            if (w >= 0 && w < g.width()) {
                                int at = (c * g.height() + h) * g.width() + w;
                                dx.set(at, dx.get(at) + dcols.get(row + oh * g.outW() + ow));
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
