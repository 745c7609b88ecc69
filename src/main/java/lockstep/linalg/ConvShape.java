package lockstep.linalg;

/**
 * The geometry of a 2-D convolution or pooling window over one example in NCHW: {@code channels} planes of
 * {@code height x width}, a {@code kernelH x kernelW} window moved by {@code strideH, strideW}, {@code padTop} rows and
 * {@code padLeft} columns of zeros before the first (the bottom and right padding are whatever makes the last window
 * fit: see {@link #truncate} and {@link #same}), giving {@code outH x outW} windows.
 */
public record ConvShape(int channels, int height, int width, int kernelH, int kernelW, int strideH, int strideW,
                        int padTop, int padLeft, int outH, int outW) {

    public ConvShape {
        if (channels < 1 || height < 1 || width < 1 || kernelH < 1 || kernelW < 1 || strideH < 1 || strideW < 1
                || padTop < 0 || padLeft < 0 || outH < 1 || outW < 1) {
            throw new IllegalArgumentException("convolution geometry out of range: " + this);
        }
    }

    /**
     * DL4J's {@code ConvolutionMode.Truncate}: explicit padding on both sides, out = floor((in + 2·pad − k) / s) + 1
     * (input the last window would only partly cover is dropped).
     */
    public static ConvShape truncate(int channels, int height, int width, int kernelH, int kernelW, int strideH,
                                     int strideW, int padH, int padW) {
        int outH = (height + 2 * padH - kernelH) / strideH + 1;
        int outW = (width + 2 * padW - kernelW) / strideW + 1;
        if (height + 2 * padH < kernelH || width + 2 * padW < kernelW) {
            throw new IllegalArgumentException("kernel " + kernelH + "x" + kernelW + " is larger than the padded input "
                    + (height + 2 * padH) + "x" + (width + 2 * padW));
        }
        return new ConvShape(channels, height, width, kernelH, kernelW, strideH, strideW, padH, padW, outH, outW);
    }

    /**
     * DL4J's {@code ConvolutionMode.Same}: out = ceil(in / s), padded with total = max(0, (out − 1)·s + k − in) zeros,
     * floor(total / 2) of them before (top, left) and the rest after.
     */
    public static ConvShape same(int channels, int height, int width, int kernelH, int kernelW, int strideH, int strideW) {
        int outH = (height + strideH - 1) / strideH;
        int outW = (width + strideW - 1) / strideW;
        int padH = Math.max(0, (outH - 1) * strideH + kernelH - height);
        int padW = Math.max(0, (outW - 1) * strideW + kernelW - width);
        return new ConvShape(channels, height, width, kernelH, kernelW, strideH, strideW, padH / 2, padW / 2, outH, outW);
    }

    /** Whether some window covers padding: before the input, or after it (Same's bottom and right padding). */
    public boolean coversPadding() {
        return padTop > 0 || padLeft > 0 || (outH - 1) * strideH + kernelH > height || (outW - 1) * strideW + kernelW > width;
    }

    /** Elements of one example's input: channels·height·width. */
    public int inputSize() {
        return channels * height * width;
    }

    /** Rows of the column matrix: channels·kernelH·kernelW (one per weight of an output channel). */
    public int patchSize() {
        return channels * kernelH * kernelW;
    }

    /** Windows per channel: outH·outW. */
    public int windows() {
        return outH * outW;
    }
}
