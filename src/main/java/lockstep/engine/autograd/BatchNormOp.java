package lockstep.engine.autograd;

import lockstep.linalg.Matrix;

/**
 * Batch normalisation in training, one node of the graph as PyTorch's native batch_norm is, per column c over the N
 * rows (sums in double, each result rounded to the data type):
 * <pre>
 *   forward:  μ = Σ v / N,  σ² = Σ (v − μ)² / N (biased),  σ = √(σ² + ε)
 *             x̂ = (v − μ) / σ,  y = x̂·γ + β                 v, y [N,C]; γ, β [1,C]
 *   backward: dβ = Σ dy,  dγ = Σ dy·x̂,  dx̂ = dy·γ            [1,C], [N,C]
 *             dσ² = Σ dx̂·(v − μ) · (−½)σ⁻³
 *             dμ = −Σ dx̂ / σ − (2/N)·dσ²·Σ (v − μ)
 *             dv = dx̂ / σ + (v − μ)·2dσ²/N + dμ/N           [N,C]
 * </pre>
 * The backward pass is arranged as DL4J arranges it, through dσ² and dμ. The arrangement decides the rounding of a
 * sum that cancels: where a bias before this layer is cancelled by it (a unit active on every example of the batch),
 * Σ_rows dv is 0 in exact arithmetic, and in FLOAT this arrangement leaves DL4J's rounding while PyTorch's
 * (γ/σ)(dy − mean(dy) − x̂·mean(dy·x̂)) left 1.9e-6 where DL4J had 0, which the FLOAT oracle cannot tell from a wrong
 * gradient on a tensor that is all noise (RandomConvNetworkParityTest; docs/convolution.md). One node rather than a
 * chain of elementwise FLOAT ops for the same reason: there each of those terms carries a rounding of its own size.
 */
final class BatchNormOp extends Op {
    private final Tensor v;
    private final Tensor gamma;
    private final Tensor beta;
    private final double[] mean;
    private final double[] variance;
    private final double[] std;
    private Matrix xHat;
    private Matrix centred;

    private BatchNormOp(Tensor v, Tensor gamma, Tensor beta) {
        super(v, gamma, beta);
        this.v = v;
        this.gamma = gamma;
        this.beta = beta;
        this.mean = new double[v.cols()];
        this.variance = new double[v.cols()];
        this.std = new double[v.cols()];
    }

    /** y = x̂·γ + β over the batch's statistics of v [N,C]; the op (for its statistics) is handed to {@code op}. */
    static Tensor apply(Tensor v, Tensor gamma, Tensor beta, double eps, java.util.function.Consumer<BatchNormOp> op) {
        if (gamma.cols() != v.cols() || beta.cols() != v.cols() || gamma.rows() != 1 || beta.rows() != 1) {
            throw new IllegalArgumentException("batchNorm: γ " + gamma.data().shape() + " and β " + beta.data().shape()
                    + " do not fit the columns of " + v.data().shape());
        }
        BatchNormOp node = new BatchNormOp(v, gamma, beta);
        Matrix x = v.data();
        int n = x.rows();
        Matrix hat = x.like(n, x.cols());
        Matrix centred = x.like(n, x.cols());
        Matrix y = x.like(n, x.cols());
        for (int c = 0; c < x.cols(); c++) {
            double sum = 0;
            for (int r = 0; r < n; r++) {
                sum += x.get(r, c);
            }
            node.mean[c] = rounded(x, sum / n);                                               // μ
            double squares = 0;
            for (int r = 0; r < n; r++) {
                double d = x.get(r, c) - node.mean[c];
                squares += d * d;
            }
            node.variance[c] = rounded(x, squares / n);                                       // σ² (biased)
            node.std[c] = rounded(x, Math.sqrt(rounded(x, node.variance[c] + eps)));          // σ
            for (int r = 0; r < n; r++) {
                centred.set(r, c, x.get(r, c) - node.mean[c]);                                // v − μ
                hat.set(r, c, centred.get(r, c) / node.std[c]);                               // x̂
                y.set(r, c, hat.get(r, c) * gamma.data().get(c) + beta.data().get(c));        // y = x̂·γ + β
            }
        }
        node.xHat = hat;
        node.centred = centred;
        op.accept(node);
        return node.record(y);
    }

    /** The batch mean of column c. */
    double mean(int c) {
        return mean[c];
    }

    /** The batch's biased variance of column c. */
    double variance(int c) {
        return variance[c];
    }

    private static double rounded(Matrix like, double value) {
        return like.dtype() == lockstep.linalg.DType.FLOAT ? (float) value : value;
    }

    @Override
    public String name() {
        return "batchNorm";
    }

    @Override
    protected Matrix[] backward(Matrix dy) {
        int n = dy.rows();
        int columns = dy.cols();
        Matrix dv = v.requiresGrad() ? dy.like(n, columns) : null;
        Matrix dGamma = gamma.requiresGrad() ? dy.like(1, columns) : null;
        Matrix dBeta = beta.requiresGrad() ? dy.like(1, columns) : null;
        for (int c = 0; c < columns; c++) {
            double g = gamma.data().get(c);
            double sumDy = 0;
            double sumDyHat = 0;
            double sumDxHatCentred = 0;
            double sumDxHatOverStd = 0;
            double sumCentred = 0;
            for (int r = 0; r < n; r++) {
                double d = dy.get(r, c);
                sumDy += d;                                                               // dβ = Σ dy
                sumDyHat += d * xHat.get(r, c);                                           // dγ = Σ dy·x̂
                sumDxHatCentred += d * g * centred.get(r, c);
                sumDxHatOverStd += d * g / std[c];
                sumCentred += centred.get(r, c);
            }
            if (dBeta != null) {
                dBeta.set(c, sumDy);
            }
            if (dGamma != null) {
                dGamma.set(c, sumDyHat);
            }
            if (dv != null) {
                double dVariance = sumDxHatCentred * -0.5 * Math.pow(std[c], -3.0);          // dσ²
                double dMean = -sumDxHatOverStd + sumCentred * (-2.0 / n) * dVariance;       // dμ
                for (int r = 0; r < n; r++) {                                             // dv
                    dv.set(r, c, dy.get(r, c) * g / std[c] + centred.get(r, c) * (dVariance * (2.0 / n)) + dMean * (1.0 / n));
                }
            }
        }
        return new Matrix[] {dv, dGamma, dBeta};
    }
}
