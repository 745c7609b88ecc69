package lockstep.spec;

import java.util.ArrayList;
import java.util.List;
import lockstep.LockstepException;

/**
 * What a layer receives, as DL4J's InputType propagation gives it: an image of {@code channels x height x width}
 * (held flat, c order) or {@code channels} flat features ({@code height} and {@code width} 0).
 */
public record LayerInput(int channels, int height, int width) {

    public static LayerInput flat(int features) {
        return new LayerInput(features, 0, 0);
    }

    public static LayerInput image(int channels, int height, int width) {
        return new LayerInput(channels, height, width);
    }

    public boolean isImage() {
        return height > 0;
    }

    /** Values per example. */
    public int size() {
        return isImage() ? channels * height * width : channels;
    }

    /** Positions per channel: height·width for an image, 1 for flat features (each feature its own channel). */
    public int positions() {
        return isImage() ? height * width : 1;
    }

    /** {@code 50x4x4} or {@code 800}. */
    public String describe() {
        return isImage() ? channels + "x" + height + "x" + width : String.valueOf(channels);
    }

    /**
     * Each layer's input, in order, for {@code net}; throws naming the first layer whose nIn, nOut or type does not fit
     * what reaches it.
     */
    public static List<LayerInput> of(NetworkSpec net) {
        List<LayerInput> out = new ArrayList<>();
        LayerInput in = net.input() == null ? flat(net.layers().get(0).nIn())
                : image(net.input().channels(), net.input().height(), net.input().width());
        for (int i = 0; i < net.layers().size(); i++) {
            LayerSpec l = net.layers().get(i);
            String where = "network.layers[" + i + "] (" + l.type().jsonName() + ")";
            out.add(in);
            in = switch (l.type()) {
                case DENSE -> {
                    require(l.nIn() == in.size(), where + ": nIn=" + l.nIn() + " but " + (i == 0 ? "the input" : "the previous layer")
                            + " gives " + (in.isImage() ? in.describe() + " = " + in.size() : in.size()));
                    yield flat(l.nOut());
                }
                case CONVOLUTION, SUBSAMPLING -> {
                    require(in.isImage(), where + " needs images: set network.inputType {\"height\", \"width\", \"channels\"}"
                            + (i == 0 ? "" : " and put it before any dense layer"));
                    require(l.nIn() == in.channels(), where + ": nIn=" + l.nIn() + " but " + in.describe() + " has "
                            + in.channels() + " channels");
                    require(l.type() != LayerType.SUBSAMPLING || l.nOut() == l.nIn(), where + ": nOut must equal nIn");
                    lockstep.linalg.ConvShape g;
                    try {
                        g = l.window().over(in.channels(), in.height(), in.width());
                    } catch (IllegalArgumentException e) {
                        throw new LockstepException(where + ": " + e.getMessage());
                    }
                    yield image(l.nOut(), g.outH(), g.outW());
                }
                case BATCH_NORMALIZATION -> {
                    require(l.nIn() == l.nOut() && l.nIn() == in.channels(), where + ": nIn and nOut must equal the "
                            + (in.isImage() ? "channels of " + in.describe() : "features, " + in.size()));
                    yield in;
                }
            };
        }
        return out;
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new LockstepException(message);
        }
    }
}
