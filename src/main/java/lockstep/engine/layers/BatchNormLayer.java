package lockstep.engine.layers;

import java.util.List;
import lockstep.engine.Parameter;
import lockstep.linalg.DType;
import lockstep.linalg.Matrix;

/**
 * Batch normalisation as DL4J 1.0.0-M2.1 computes it, per channel c over the N = B·S values of a batch (S = H·W after
 * a convolution, 1 after a dense layer; rows hold [C, S] in c order):
 * <pre>
 *   training:  μ = Σ x / N                    (a running sum in (b, s) order, then one division)
 *              σ² = M2 / N                    (biased; Welford's streaming update, as ND4J's variance op)
 *              σ = sqrt(σ² + eps)
 *              y = ((x − μ) / σ)·γ + β        x, y [B, C·S]; γ, β [C]
 *   inference: μ = the running mean, σ² = (10^log10σ)², the rest as above
 *   backward:  dβ = Σ δ, dγ = Σ δ·x̂, dx̂ = δ·γ
 *              dL/dσ² = Σ dx̂·(x − μ) · (−½)·σ⁻³
 *              dL/dμ = −Σ dx̂ / σ + Σ (x − μ)·(−2/N)·dL/dσ²
 *              dL/dx = dx̂ / σ + (x − μ)·(dL/dσ²·2/N) + dL/dμ / N
 * </pre>
 * The running statistics are parameters the updater leaves alone: their "gradients" are the amounts to subtract,
 * (μ_run − μ)·(1 − decay) and log10(σ_run / σ_next) with σ²_next = σ²_run·decay + σ²·(1 − decay). No activation.
 * Modifies its caches and its parameters' gradients.
 */
public class BatchNormLayer implements Layer {
    /** DL4J's builder defaults. */
    public static final double DL4J_DECAY = 0.9;
    public static final double DL4J_EPS = 1e-5;

    private final int index;
    private final int channels;
    private final int spatial;
    private final double decay;
    private final double eps;
    private final Parameter gamma;
    private final Parameter beta;
    private final Parameter runningMean;
    private final Parameter log10Std;
    private final RowBuffers buffers;     // y, x − μ and dL/dx [B, C·S], reused per batch size
    private final double[] mean;          // per channel, of the latest training batch
    private final double[] variance;
    private final double[] std;
    private Matrix xMu;
    private Matrix y;
    private boolean training = true;

    /** Layer over γ, β, the running mean and log10 σ (each [1, C]), for rows of C channels of S values each. */
    public BatchNormLayer(Parameter gamma, Parameter beta, Parameter runningMean, Parameter log10Std, int spatial,
                          double decay, double eps) {
        this.index = gamma.key().layer();
        this.channels = gamma.value().cols();
        this.spatial = spatial;
        this.decay = decay;
        this.eps = eps;
        this.gamma = gamma;
        this.beta = beta;
        this.runningMean = runningMean;
        this.log10Std = log10Std;
        int width = channels * spatial;
        this.buffers = new RowBuffers(gamma.value().dtype(), width, width, width);
        this.mean = new double[channels];
        this.variance = new double[channels];
        this.std = new double[channels];
    }

    @Override
    public int index() {
        return index;
    }

    /** γ, β, the running mean, log10 σ: DL4J's order. */
    @Override
    public List<Parameter> parameters() {
        return List.of(gamma, beta, runningMean, log10Std);
    }

    /** Training (batch statistics) or inference (the running ones). */
    @Override
    public void setTraining(boolean training) {
        this.training = training;
    }

    @Override
    public Matrix output() {
        return y;
    }

    /** Normalises x [B, C·S]; caches x − μ and σ; returns y [B, C·S]. */
    @Override
    public Matrix forward(Matrix x) {
        if (x.cols() != channels * spatial) {
            throw new IllegalArgumentException("layer " + index + " (batch normalisation): input has " + x.cols()
                    + " columns, expected " + channels + " channels x " + spatial);
        }
        Matrix[] work = buffers.get(x.rows());
        y = work[0];
        xMu = work[1];
        DType dtype = x.dtype();
        for (int c = 0; c < channels; c++) {
            if (training) {
                batchStatistics(x, c);
            } else {
                mean[c] = runningMean.value().get(c);
                variance[c] = runningVariance(log10Std.value().get(c), dtype);
            }
            std[c] = round(Math.sqrt(round(variance[c] + eps, dtype)), dtype);
            double g = gamma.value().get(c);
            double b = beta.value().get(c);
            for (int r = 0; r < x.rows(); r++) {
                for (int s = 0; s < spatial; s++) {
                    int at = c * spatial + s;
                    double centred = round(x.get(r, at) - mean[c], dtype);
                    xMu.set(r, at, centred);
                    double xHat = round(centred / std[c], dtype);
                    y.set(r, at, round(round(xHat * g, dtype) + b, dtype));
                }
            }
        }
        return y;
    }

    /** μ and σ² of channel c over the batch, as ND4J's mean and (biased, Welford) variance ops compute them. */
    private void batchStatistics(Matrix x, int c) {
        DType dtype = x.dtype();
        double sum = 0;
        double m = 0;
        double m2 = 0;
        long n = 0;
        for (int r = 0; r < x.rows(); r++) {
            for (int s = 0; s < spatial; s++) {
                double v = x.get(r, c * spatial + s);
                sum = round(sum + v, dtype);
                n++;
                double delta = v - m;
                m += delta * 1 / (double) n;
                m2 += delta * delta * (n - 1) * 1 / (double) n;
            }
        }
        mean[c] = round(sum / n, dtype);
        variance[c] = round(variance(m2, n), dtype);
    }

    /** The batch variance from Welford's sum of squared deviations M2 over n values: biased, M2 / n (ND4J's). */
    protected double variance(double m2, long n) {
        return m2 / n;
    }

    /**
     * From dL/dy [B, C·S]: fills dγ, dβ and the running statistics' updates; returns dL/dx [B, C·S] (computed either
     * way: the running statistics need the same sums).
     */
    @Override
    public Matrix backward(Matrix dLdy, boolean inputGradient) {
        Matrix dx = buffers.get(dLdy.rows())[2];
        int rows = dLdy.rows();
        double n = (double) rows * spatial;
        for (int c = 0; c < channels; c++) {
            double g = gamma.value().get(c);
            double dBeta = 0;
            double dGamma = 0;
            double dVarSum = 0;
            double dxHatSum = 0;
            double xMuSum = 0;
            for (int r = 0; r < rows; r++) {
                for (int s = 0; s < spatial; s++) {
                    int at = c * spatial + s;
                    double d = dLdy.get(r, at);
                    double centred = xMu.get(r, at);
                    dBeta += d;
                    dGamma += d * (centred / std[c]);
                    double dxHat = d * g;
                    dVarSum += dxHat * centred;
                    dxHatSum += dxHat / std[c];
                    xMuSum += centred;
                }
            }
            double dLdVar = dVarSum * -0.5 * Math.pow(std[c], -3.0);
            double dLdMu = -dxHatSum + xMuSum * (-2.0 / n) * dLdVar;
            for (int r = 0; r < rows; r++) {
                for (int s = 0; s < spatial; s++) {
                    int at = c * spatial + s;
                    double dxHat = dLdy.get(r, at) * g;
                    dx.set(r, at, dxHat / std[c] + xMu.get(r, at) * (dLdVar * (2.0 / n)) + dLdMu * (1.0 / n));
                }
            }
            gamma.gradient().set(c, dGamma);
            beta.gradient().set(c, dBeta);
            runningStatisticUpdates(c);
        }
        return dx;
    }

    /** The amounts DL4J subtracts from the running mean and log10 σ of channel c after a training step. */
    private void runningStatisticUpdates(int c) {
        runningMean.gradient().set(c, runningMeanStep(runningMean.value().get(c), mean[c], decay));
        log10Std.gradient().set(c, log10StdStep(log10Std.value().get(c), variance[c], decay));
    }

    /** The variance inference uses, σ² = (10^log10σ)², σ and σ² each rounded to {@code dtype} (a FLOAT op's result). */
    public static double runningVariance(double log10Std, DType dtype) {
        double s = round(Math.pow(10.0, log10Std), dtype);
        return round(s * s, dtype);
    }

    /** What DL4J subtracts from a running mean after a training step on a batch of mean μ: (μ_run − μ)·(1 − decay). */
    public static double runningMeanStep(double runningMean, double batchMean, double decay) {
        return (runningMean - batchMean) * (1 - decay);
    }

    /**
     * What DL4J subtracts from a running log10 σ after a training step on a batch of variance σ²: log10(σ_run / σ_next)
     * with σ²_next = σ²_run·decay + σ²·(1 − decay).
     */
    public static double log10StdStep(double log10Std, double batchVariance, double decay) {
        double s = Math.pow(10.0, log10Std);
        double vari = s * s;
        double next = vari * decay + batchVariance * (1 - decay);
        return Math.log(vari / next) * (1 / (2 * Math.log(10)));
    }

    /** v rounded to the data type (a FLOAT op's result). */
    private static double round(double v, DType dtype) {
        return dtype == DType.FLOAT ? (float) v : v;
    }
}
