package lockstep.engine.layers;

import java.util.List;
import lockstep.engine.Parameter;
import lockstep.engine.activations.Activation;
import lockstep.linalg.ConvShape;
import lockstep.linalg.Im2Col;
import lockstep.linalg.MatMul;
import lockstep.linalg.Matrix;

/**
 * A 2-D convolution over NCHW examples held one per row (DL4J's convolutionalFlat layout: row b is example b's
 * [C, H, W] in c order), as im2col and one matrix product per example:
 * <pre>
 *   forward:  cols_b = im2col(x_b)          x_b [C, H·W] -> cols_b [K, P]     K = C·kh·kw, P = outH·outW
 *             z_b = W·cols_b + b            W [Cout, K] (DL4J's [Cout, C, kh, kw] in c order), b [Cout] per row
 *             a = f(z)                      z, a [B, Cout·P]: row b is z_b [Cout, P] in c order
 *   backward: δ = dL/dz                     [B, Cout·P]
 *             dW = Σ_b δ_b·cols_bᵀ          [Cout, K]
 *             db = Σ_b Σ_p δ_b[·, p]        [Cout]
 *             dL/dx_b = col2im(Wᵀ·δ_b)      [C, H·W]
 * </pre>
 * The forward pass caches the columns of every example, z and a. Modifies only its caches, work matrices and its
 * parameters' gradients.
 */
public class ConvolutionLayer implements ActivatedLayer {
    private final int index;
    private final ConvShape shape;
    private final Activation activation;
    private final MatMul matMul;
    private final Parameter weights;
    private final Parameter bias;
    private final RowBuffers buffers;     // z, a, δ [B, Cout·P] and dL/dx [B, C·H·W], reused per batch size
    private final RowBuffers columns;     // every example's cols [B, K·P]
    private final Matrix dcols;           // one example's dL/dcols [K, P]
    private Matrix cols;
    private Matrix z;
    private Matrix a;

    /** Layer {@code weights.key().layer()} over W [Cout, K] and b [1, Cout] for windows of {@code shape}. */
    public ConvolutionLayer(Parameter weights, Parameter bias, ConvShape shape, Activation activation, MatMul matMul) {
        if (weights.value().cols() != shape.patchSize() || bias.value().cols() != weights.value().rows()) {
            throw new IllegalArgumentException("convolution " + weights.name() + " " + weights.value().shape()
                    + " and bias " + bias.value().shape() + " do not fit " + shape);
        }
        this.index = weights.key().layer();
        this.shape = shape;
        this.activation = activation;
        this.matMul = matMul;
        this.weights = weights;
        this.bias = bias;
        int outputs = outputChannels() * shape.windows();
        this.buffers = new RowBuffers(weights.value().dtype(), outputs, outputs, outputs, shape.inputSize());
        this.columns = new RowBuffers(weights.value().dtype(), shape.patchSize() * shape.windows());
        this.dcols = weights.value().like(shape.patchSize(), shape.windows());
    }

    @Override
    public int index() {
        return index;
    }

    public ConvShape shape() {
        return shape;
    }

    public int outputChannels() {
        return weights.value().rows();
    }

    /** b then W: DL4J's order for a convolution. */
    @Override
    public List<Parameter> parameters() {
        return List.of(bias, weights);
    }

    @Override
    public Activation activation() {
        return activation;
    }

    @Override
    public Matrix preActivation() {
        return z;
    }

    @Override
    public Matrix output() {
        return a;
    }

    /** a = f(conv(x) + b) for x [B, C·H·W]; caches the columns, z and a and returns a [B, Cout·P]. */
    @Override
    public Matrix forward(Matrix x) {
        if (x.cols() != shape.inputSize()) {
            throw new IllegalArgumentException("layer " + index + " (convolution): input has " + x.cols()
                    + " columns, expected C·H·W = " + shape.inputSize());
        }
        int batch = x.rows();
        Matrix[] work = buffers.get(batch);
        z = work[0];
        a = work[1];
        cols = columns.get(batch)[0];
        int k = shape.patchSize();
        int p = shape.windows();
        int cout = outputChannels();
        for (int b = 0; b < batch; b++) {
            Matrix colsB = cols.view(b * k * p, k, p);                                 // [K, P]
            Im2Col.im2col(x.view(b * shape.inputSize(), shape.channels(), shape.height() * shape.width()), shape, colsB);
            Matrix zB = z.view(b * cout * p, cout, p);                                 // [Cout, P]
            matMul.multiply(weights.value(), false, colsB, false, zB, false);          // W·cols_b
            addChannelBias(zB, bias.value());                                          // + b per output channel
        }
        activation.forward(z, a);                                                      // a = f(z)  [B, Cout·P]
        return a;
    }

    /** From dL/da [B, Cout·P]: fills dW and db; with {@code inputGradient} also returns dL/dx [B, C·H·W], else null. */
    /** δ's work matrix [rows, out], reused per batch size. */
    @Override
    public Matrix deltaBuffer(int rows) {
        return buffers.get(rows)[2];
    }

    /** From δ = dL/dz [B, Cout·P]: fills dW and db; with {@code inputGradient} also returns dL/dx, else null. */
    @Override
    public Matrix backwardFromPreActivation(Matrix delta, boolean inputGradient) {
        int batch = delta.rows();
        int k = shape.patchSize();
        int p = shape.windows();
        int cout = outputChannels();
        Matrix dx = inputGradient ? buffers.get(batch)[3] : null;
        Matrix dW = weights.gradient();
        Matrix db = bias.gradient();
        db.fill(0.0);
        for (int b = 0; b < batch; b++) {
            Matrix deltaB = delta.view(b * cout * p, cout, p);                         // δ_b [Cout, P]
            Matrix colsB = cols.view(b * k * p, k, p);                                 // [K, P]
            matMul.multiply(deltaB, false, colsB, true, dW, b > 0);                    // dW (+)= δ_b·cols_bᵀ [Cout, K]
            sumWindows(deltaB, db);                                                    // db += Σ_p δ_b[·, p]
            if (inputGradient) {
                matMul.multiply(weights.value(), true, deltaB, false, dcols, false);   // Wᵀ·δ_b [K, P]
                Im2Col.col2im(dcols, shape, dx.view(b * shape.inputSize(), shape.channels(),
                        shape.height() * shape.width()));                              // dL/dx_b [C, H·W]
            }
        }
        return dx;
    }

    /** z [Cout, P] += b[c] on row c. Modifies z. */
    protected void addChannelBias(Matrix z, Matrix b) {
        for (int c = 0; c < z.rows(); c++) {
            double bc = b.get(c);
            for (int q = 0; q < z.cols(); q++) {
                z.set(c, q, z.get(c, q) + bc);
            }
        }
    }

    /** db[c] += Σ_p δ[c, p] for δ [Cout, P]. Modifies db. */
    protected void sumWindows(Matrix delta, Matrix db) {
        for (int c = 0; c < delta.rows(); c++) {
            double s = db.get(c);
            for (int q = 0; q < delta.cols(); q++) {
                s += delta.get(c, q);
            }
            db.set(c, s);
        }
    }
}
