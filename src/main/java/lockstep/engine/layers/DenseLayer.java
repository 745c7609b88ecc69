package lockstep.engine.layers;

import java.util.List;
import lockstep.engine.Parameter;
import lockstep.engine.activations.Activation;
import lockstep.engine.dropout.InputDropout;
import lockstep.linalg.MatMul;
import lockstep.linalg.Matrix;
import lockstep.linalg.RowOps;
import lockstep.rand.MaskSource;

/**
 * A fully connected layer with examples as rows (DL4J's convention):
 * <pre>
 *   forward:  z = x·W + b          x [B,nIn], W [nIn,nOut], b [1,nOut], z [B,nOut]
 *             a = f(z)             a [B,nOut]
 *   backward: δ = dL/dz            δ [B,nOut]
 *             dW = xᵀ·δ            [nIn,nOut]
 *             db = Σ_rows δ        [1,nOut]
 *             dL/dx = δ·Wᵀ         [B,nIn]   (the textbook's Wᵀδ with column vectors)
 * </pre>
 * With a dropout in training, x is first replaced by x' = f(x, r) (r the array the dropout drew, [B,nIn]) and the
 * gradient flows back through it: dL/dx = g(δ·Wᵀ, r) ({@link InputDropout}; for Dropout x' = x ⊙ r, dL/dx = δ·Wᵀ ⊙ r).
 * The forward pass caches x', z and a for the backward pass. The three gradient pieces are separate
 * protected methods so that a test can substitute a faulty one.
 */
public class DenseLayer implements ActivatedLayer {
    private final int index;
    private final Activation activation;
    private final MatMul matMul;
    private final Parameter weights;
    private final Parameter bias;
    private final RowBuffers buffers;       // z, a, δ [B,nOut] and dL/dx [B,nIn], reused per batch size
    private Matrix input;
    private Matrix z;
    private Matrix a;
    private InputDropout dropout;           // on the input in training; null: none
    private MaskSource masks;
    private Matrix mask;                    // the current step's drawn dropout array (mask or noise), [B,nIn]
    private boolean dropped;                // whether the latest forward pass applied the dropout
    private int iteration;
    private boolean training = true;        // false: inference, no dropout

    /** Layer {@code weights.key().layer()} over its parameters W [nIn,nOut] and b [1,nOut] (views in the network's block). */
    public DenseLayer(Parameter weights, Parameter bias, Activation activation, MatMul matMul) {
        this.index = weights.key().layer();
        this.activation = activation;
        this.matMul = matMul;
        this.weights = weights;
        this.bias = bias;
        int nIn = weights.value().rows();
        int nOut = weights.value().cols();
        this.buffers = new RowBuffers(weights.value().dtype(), nOut, nOut, nOut, nIn);
    }

    @Override
    public int index() {
        return index;
    }

    @Override
    public Activation activation() {
        return activation;
    }

    public Parameter weights() {
        return weights;
    }

    public Parameter bias() {
        return bias;
    }

    /** W then b, DL4J's order. */
    @Override
    public List<Parameter> parameters() {
        return List.of(weights, bias);
    }

    @Override
    public Matrix preActivation() {
        return z;
    }

    @Override
    public Matrix output() {
        return a;
    }

    /** Applies {@code dropout} to this layer's input in training, with the arrays {@code masks} gives. Modifies this layer. */
    public void setDropout(InputDropout dropout, MaskSource masks) {
        this.dropout = dropout;
        this.masks = masks;
    }

    /** The array the dropout drew in the latest training forward pass (mask or noise), [B,nIn], or null without dropout. */
    public Matrix dropoutMask() {
        return dropout != null ? mask : null;
    }

    /** The input x' after the dropout in the latest training forward pass, [B,nIn], or null without dropout. */
    public Matrix droppedInput() {
        return dropped ? input : null;
    }

    /** Training (the default: dropout on) or inference (dropout off, as DL4J's output(x, false)). */
    @Override
    public void setTraining(boolean training) {
        this.training = training;
    }

    /** The training iteration the next forward pass belongs to (selects the dropout mask). */
    @Override
    public void setIteration(int iteration) {
        this.iteration = iteration;
    }

    /**
     * a = f(x'·W + b) for x [B,nIn], where x' is x after the dropout in training (x' = x ⊙ mask for Dropout, see
     * {@link InputDropout}) and x' = x otherwise; caches x', z, a and returns a [B,nOut]. Modifies only the caches.
     */
    @Override
    public Matrix forward(Matrix x) {
        Matrix w = weights.value();
        if (x.cols() != w.rows()) {
            throw new IllegalArgumentException("layer " + index + ": input has " + x.cols() + " columns, nIn=" + w.rows());
        }
        dropped = dropout != null && training;
        if (dropped) {
            mask = Matrix.of(x.dtype(), x.rows(), x.cols(),
                    masks.mask(index, iteration, x.rows(), x.cols()));   // r          [B,nIn]
            x = dropout.forward(x, mask);                                // x' = f(x, r) [B,nIn]
        }
        Matrix[] work = buffers.get(x.rows());
        z = work[0];
        a = work[1];
        input = x;
        matMul.multiply(x, false, w, false, z, false);   // z = x·W        [B,nOut]
        RowOps.addRowVector(z, bias.value());            // z += b         [B,nOut]
        activation.forward(z, a);                        // a = f(z)       [B,nOut]
        return a;
    }

    /**
     * From dL/da [B,nOut]: fills this layer's gradients dW and db; with {@code inputGradient} also
     * returns dL/dx [B,nIn], else null (the first layer: no one needs the gradient of the data).
     */
    /** δ's work matrix [rows, out], reused per batch size. */
    @Override
    public Matrix deltaBuffer(int rows) {
        return buffers.get(rows)[2];
    }

    /**
     * From δ = dL/dz [B,nOut] (the output layer's loss gives it directly): fills dW and db; with {@code inputGradient}
     * also returns dL/dx [B,nIn], else null.
     */
    @Override
    public Matrix backwardFromPreActivation(Matrix delta, boolean inputGradient) {
        weightGradient(input, delta, weights.gradient());
        biasGradient(delta, bias.gradient());
        if (!inputGradient) {
            return null;
        }
        Matrix dx = inputGradient(delta, weights.value());                 // dL/dx'     [B,nIn]
        return dropped ? dropout.backward(dx, mask) : dx;               // dL/dx = g(dL/dx', r)
    }

    /** dW = xᵀ·δ: x [B,nIn], δ [B,nOut] -> dW [nIn,nOut]. Modifies dW. */
    protected void weightGradient(Matrix x, Matrix delta, Matrix dW) {
        matMul.multiply(x, true, delta, false, dW, false);
    }

    /** db = Σ over the batch rows of δ: δ [B,nOut] -> db [1,nOut]. Modifies db. */
    protected void biasGradient(Matrix delta, Matrix db) {
        RowOps.sumRows(delta, db);
    }

    /** dL/dx = δ·Wᵀ: δ [B,nOut], W [nIn,nOut] -> [B,nIn]. Returns this layer's work matrix for it. */
    protected Matrix inputGradient(Matrix delta, Matrix w) {
        Matrix dx = buffers.get(delta.rows())[3];
        matMul.multiply(delta, false, w, true, dx, false);
        return dx;
    }

    protected MatMul matMul() {
        return matMul;
    }
}
