package lockstep.engine.autograd;

import lockstep.linalg.ConvShape;

/**
 * 2-D pooling, each channel on its own (PyTorch's nn.MaxPool2d and nn.AvgPool2d), composed of ops: every channel
 * plane becomes an image of its own, its windows rows, and each row is reduced to one value:
 * <pre>
 *   V = unfold(reshape(x))    x [B, C·H·W] -> [B·C, H·W] -> V [B·C·P, kh·kw]     P = outH·outW
 *   r = reduce(V)             [B·C·P, 1]
 *   y = reshape(r)            [B, C·P]: row b is example b's [C, outH, outW] in c order
 * </pre>
 * No parameters.
 */
public abstract class Pool2d implements Module {
    private final ConvShape shape;
    private final ConvShape plane;

    /** Pooling windows of {@code shape} over its channels. */
    protected Pool2d(ConvShape shape) {
        this.shape = shape;
        this.plane = new ConvShape(1, shape.height(), shape.width(), shape.kernelH(), shape.kernelW(), shape.strideH(),
                shape.strideW(), shape.padTop(), shape.padLeft(), shape.outH(), shape.outW());
    }

    public ConvShape shape() {
        return shape;
    }

    /** The same windows over one channel. */
    protected ConvShape plane() {
        return plane;
    }

    @Override
    public final Tensor forward(Tensor x) {
        int batch = x.rows();
        Tensor windows = x.reshape(batch * shape.channels(), shape.height() * shape.width())   // [B·C, H·W]
                .unfold(plane, padding());                                                     // [B·C·P, kh·kw]
        return reduce(windows)                                                                 // [B·C·P, 1]
                .reshape(batch, shape.channels() * shape.windows());                           // [B, C·P]
    }

    /** What a window's positions in the padding hold. */
    protected abstract double padding();

    /** One value per window row: [B·C·P, kh·kw] -> [B·C·P, 1]. */
    protected abstract Tensor reduce(Tensor windows);
}
