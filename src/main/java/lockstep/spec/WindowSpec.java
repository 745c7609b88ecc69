package lockstep.spec;

import lockstep.linalg.ConvShape;

/**
 * The window of a convolution or pooling layer: kernel, stride and padding (rows, columns), DL4J's
 * {@code ConvolutionMode} (Truncate: the given padding on both sides; Same: out = ceil(in / stride), padding
 * computed, and none may be given: DL4J refuses it) and, for pooling, what a window is reduced to.
 */
public record WindowSpec(int kernelH, int kernelW, int strideH, int strideW, int padH, int padW, Mode mode, Pooling pooling) {

    /** DL4J's ConvolutionMode (Strict is Truncate that refuses an inexact fit: not offered). */
    public enum Mode {
        TRUNCATE,
        SAME
    }

    /** DL4J's PoolingType (PNORM not offered). */
    public enum Pooling {
        MAX,
        AVG
    }

    public WindowSpec {
        if (kernelH < 1 || kernelW < 1 || strideH < 1 || strideW < 1 || padH < 0 || padW < 0 || mode == null) {
            throw new IllegalArgumentException("window out of range: " + this);
        }
    }

    /** The geometry this window gives over an input of {@code channels x height x width}. */
    public ConvShape over(int channels, int height, int width) {
        return mode == Mode.SAME ? ConvShape.same(channels, height, width, kernelH, kernelW, strideH, strideW)
                : ConvShape.truncate(channels, height, width, kernelH, kernelW, strideH, strideW, padH, padW);
    }

    /** E.g. {@code 5x5/1} or {@code max 2x2/2 same}. */
    public String describe() {
        return (pooling == null ? "" : pooling.name().toLowerCase() + " ") + kernelH + "x" + kernelW + "/" + strideH
                + (strideW != strideH ? "x" + strideW : "") + (padH + padW > 0 && mode == Mode.TRUNCATE ? " pad " + padH + "x" + padW : "")
                + (mode == Mode.SAME ? " same" : "");
    }
}
