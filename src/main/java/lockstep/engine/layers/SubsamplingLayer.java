package lockstep.engine.layers;

import java.util.List;
import lockstep.engine.Parameter;
import lockstep.linalg.ConvShape;
import lockstep.linalg.DType;
import lockstep.linalg.Matrix;

/**
 * 2-D pooling over NCHW examples held one per row, each channel on its own, windows as {@link ConvShape} gives them
 * (positions in the padding take no part):
 * <pre>
 *   MAX forward:  y[c, oh, ow] = max over the window of x[c, h, w]      x [B, C·H·W] -> y [B, C·outH·outW]
 *       backward: dL/dx[c, h*, w*] += dL/dy[c, oh, ow] at the window's first maximum (row by row, strictly greater wins)
 *   AVG forward:  y = (Σ over the window of x) / n                      n = kh·kw with the padding counted, else the
 *       backward: dL/dx[c, h, w] += dL/dy / n for every (h, w) in it        window's positions inside the input
 * </pre>
 * No parameters. The forward pass caches, for MAX, each output's input position. Modifies only its caches and work
 * matrices.
 */
public class SubsamplingLayer implements Layer {

    /** What a window is reduced to. */
    public enum Pooling {
        MAX,
        AVG
    }

    private final int index;
    private final ConvShape shape;
    private final Pooling pooling;
    private final boolean padInDivisor;
    private final RowBuffers buffers;     // y [B, C·P] and dL/dx [B, C·H·W], reused per batch size
    private int[] argmax = new int[0];    // for MAX: the input index (within the example) each output came from
    private Matrix y;

    /**
     * Layer {@code index} pooling windows of {@code shape} in {@code dtype}; {@code padInDivisor}: AVG divides by the
     * whole window, padding included (DL4J's {@code avgPoolIncludePadInDivisor}).
     */
    public SubsamplingLayer(int index, ConvShape shape, Pooling pooling, boolean padInDivisor, DType dtype) {
        this.index = index;
        this.shape = shape;
        this.pooling = pooling;
        this.padInDivisor = padInDivisor;
        int outputs = shape.channels() * shape.windows();
        this.buffers = new RowBuffers(dtype, outputs, shape.inputSize());
    }

    @Override
    public int index() {
        return index;
    }

    public ConvShape shape() {
        return shape;
    }

    @Override
    public Matrix output() {
        return y;
    }

    /** Pools x [B, C·H·W] into y [B, C·outH·outW]; caches y (and for MAX the positions). */
    @Override
    public Matrix forward(Matrix x) {
        if (x.cols() != shape.inputSize()) {
            throw new IllegalArgumentException("layer " + index + " (subsampling): input has " + x.cols()
                    + " columns, expected C·H·W = " + shape.inputSize());
        }
        int batch = x.rows();
        y = buffers.get(batch)[0];
        int outputs = shape.channels() * shape.windows();
        if (argmax.length < batch * outputs) {
            argmax = new int[batch * outputs];
        }
        for (int b = 0; b < batch; b++) {
            for (int c = 0; c < shape.channels(); c++) {
                for (int oh = 0; oh < shape.outH(); oh++) {
                    for (int ow = 0; ow < shape.outW(); ow++) {
                        int out = (c * shape.outH() + oh) * shape.outW() + ow;
                        y.set(b, out, pool(x, b, c, oh, ow, b * outputs + out));
                    }
                }
            }
        }
        return y;
    }

    /** One window of example b, channel c; for MAX records the position of its first maximum at argmax[slot]. */
    private double pool(Matrix x, int b, int c, int oh, int ow, int slot) {
        double best = Double.NEGATIVE_INFINITY;
        int bestAt = -1;
        double sum = 0;
        int inside = 0;
        for (int i = 0; i < shape.kernelH(); i++) {
            int h = oh * shape.strideH() - shape.padTop() + i;
            if (h < 0 || h >= shape.height()) {
                continue;
            }
            for (int j = 0; j < shape.kernelW(); j++) {
                int w = ow * shape.strideW() - shape.padLeft() + j;
                if (w < 0 || w >= shape.width()) {
                    continue;
                }
                int at = (c * shape.height() + h) * shape.width() + w;
                double v = x.get(b, at);
                if (bestAt < 0 || takesOver(v, best)) {
                    best = v;
                    bestAt = at;
                }
                sum += v;
                inside++;
            }
        }
        if (pooling == Pooling.MAX) {
            argmax[slot] = bestAt;
            return best;
        }
        return sum / divisor(inside);
    }

    /** Whether v becomes the window's maximum over {@code best} found before it: strictly greater (DL4J's first maximum). */
    protected boolean takesOver(double v, double best) {
        return v > best;
    }

    private int divisor(int inside) {
        return padInDivisor ? shape.kernelH() * shape.kernelW() : inside;
    }

    /** No parameters. */
    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    /** From dL/dy [B, C·outH·outW]: returns dL/dx [B, C·H·W] (this layer's work matrix), or null without inputGradient. */
    @Override
    public Matrix backward(Matrix dLdy, boolean inputGradient) {
        if (!inputGradient) {
            return null;
        }
        int batch = dLdy.rows();
        Matrix dx = buffers.get(batch)[1];
        dx.fill(0.0);
        int outputs = shape.channels() * shape.windows();
        for (int b = 0; b < batch; b++) {
            for (int c = 0; c < shape.channels(); c++) {
                for (int oh = 0; oh < shape.outH(); oh++) {
                    for (int ow = 0; ow < shape.outW(); ow++) {
                        int out = (c * shape.outH() + oh) * shape.outW() + ow;
                        double g = dLdy.get(b, out);
                        if (pooling == Pooling.MAX) {
                            int at = argmax[b * outputs + out];
                            dx.set(b, at, dx.get(b, at) + g);
                        } else {
                            spread(dx, b, c, oh, ow, g);
                        }
                    }
                }
            }
        }
        return dx;
    }

    /** dL/dx += g / n over the window's positions inside the input (rows h0..h1-1, columns w0..w1-1). Modifies dx. */
    private void spread(Matrix dx, int b, int c, int oh, int ow, double g) {
        int h0 = Math.max(0, oh * shape.strideH() - shape.padTop());
        int h1 = Math.min(shape.height(), oh * shape.strideH() - shape.padTop() + shape.kernelH());
        int w0 = Math.max(0, ow * shape.strideW() - shape.padLeft());
        int w1 = Math.min(shape.width(), ow * shape.strideW() - shape.padLeft() + shape.kernelW());
        double share = g / divisor((h1 - h0) * (w1 - w0));
        for (int h = h0; h < h1; h++) {
            for (int w = w0; w < w1; w++) {
                int at = (c * shape.height() + h) * shape.width() + w;
                dx.set(b, at, dx.get(b, at) + share);
            }
        }
    }
}
