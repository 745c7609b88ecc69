package lockstep.engine.autograd;

import lockstep.linalg.ConvShape;

/**
 * The index maps of {@link GatherOp}: for each element of the result (row-major), the element of the input it is
 * (−1: padding). Examples are rows of NCHW values, {@code [B, C·S]} with S = H·W, channel c's values at c·S + s.
 */
final class GatherMaps {
    private GatherMaps() {
    }

    /** The identity: the same elements as [rows, cols]. */
    static int[] reshape(int rows, int cols) {
        int[] source = new int[rows * cols];
        for (int i = 0; i < source.length; i++) {
            source[i] = i;
        }
        return source;
    }

    /** [B, C·S] -> [B·S, C]: row b·S + s holds position s of every channel of example b. */
    static int[] channelsLast(int batch, int channels, int spatial) {
        int[] source = new int[batch * channels * spatial];
        for (int b = 0; b < batch; b++) {
            for (int s = 0; s < spatial; s++) {
                for (int c = 0; c < channels; c++) {
                    source[(b * spatial + s) * channels + c] = (b * channels + c) * spatial + s;
                }
            }
        }
        return source;
    }

    /** [B·S, C] -> [B, C·S], the inverse of {@link #channelsLast}. */
    static int[] channelsFirst(int batch, int channels, int spatial) {
        int[] last = channelsLast(batch, channels, spatial);
        int[] source = new int[last.length];
        for (int i = 0; i < last.length; i++) {
            source[last[i]] = i;                  // channelsLast takes element last[i] to i: channelsFirst takes it back
        }
        return source;
    }

    /**
     * [B, C·H·W] -> [B·P, K], every window of {@code g} as a row: row b·P + p is window p = oh·outW + ow of example
     * b, column k = (c·kh + i)·kw + j (DL4J's W [Cout, C, kh, kw] order) is input (c, oh·sh − padTop + i,
     * ow·sw − padLeft + j), −1 where that lies in the padding.
     */
    static int[] windows(int batch, ConvShape g) {
        int p = g.windows();
        int k = g.patchSize();
        int[] source = new int[batch * p * k];
        for (int b = 0; b < batch; b++) {
            for (int oh = 0; oh < g.outH(); oh++) {
                for (int ow = 0; ow < g.outW(); ow++) {
                    int row = (b * p + oh * g.outW() + ow) * k;
                    for (int c = 0; c < g.channels(); c++) {
                        for (int i = 0; i < g.kernelH(); i++) {
                            for (int j = 0; j < g.kernelW(); j++) {
                                int h = oh * g.strideH() - g.padTop() + i;
                                int w = ow * g.strideW() - g.padLeft() + j;
                                boolean inside = h >= 0 && h < g.height() && w >= 0 && w < g.width();
                                source[row + (c * g.kernelH() + i) * g.kernelW() + j] =
                                        inside ? b * g.inputSize() + (c * g.height() + h) * g.width() + w : -1;
                            }
                        }
                    }
                }
            }
        }
        return source;
    }
}
