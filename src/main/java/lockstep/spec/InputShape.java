package lockstep.spec;

/**
 * Images fed as flat rows: DL4J's {@code InputType.convolutionalFlat(height, width, channels)}. Each example's row
 * holds [channels, height, width] in c order; DL4J reshapes it before the first convolution and flattens again
 * before the first dense layer.
 */
public record InputShape(int height, int width, int channels) {
    public InputShape {
        if (height < 1 || width < 1 || channels < 1) {
            throw new IllegalArgumentException("input shape out of range: " + this);
        }
    }

    /** Values per example: channels·height·width. */
    public int size() {
        return channels * height * width;
    }
}
