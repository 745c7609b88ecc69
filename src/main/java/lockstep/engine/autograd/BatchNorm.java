package lockstep.engine.autograd;

import java.util.List;
import lockstep.engine.Parameter;
import lockstep.engine.layers.BatchNormLayer;
import lockstep.linalg.DType;
import lockstep.linalg.Matrix;

/**
 * Batch normalisation (PyTorch's nn.BatchNorm1d/2d, with DL4J's parameters), per channel over the N = B·S values of
 * a batch (S = H·W after a convolution, 1 after a dense layer), composed of ops so that its backward pass is the
 * chain rule through them:
 * <pre>
 *   v = channelsLast(x)            x [B, C·S] -> v [N, C]   (v = x when S = 1)
 *   training:  μ = Σ_rows v / N    [1, C]
 *              d = v − 1·μ         [N, C]
 *              σ² = Σ_rows d⊙d / N [1, C]   (biased)
 *   inference: μ, σ² from the running mean and log10 σ (constants); d = v − 1·μ
 *   x̂ = d ÷ 1·√(σ² + ε)            [N, C]
 *   y = channelsFirst(x̂ ⊙ 1·γ + 1·β)   [B, C·S]
 * </pre>
 * In training, the forward pass also sets the running statistics' "gradients" to the amounts DL4J subtracts from
 * them (they are parameters its updater leaves alone: {@link BatchNormLayer#runningMeanStep},
 * {@link BatchNormLayer#log10StdStep}). Modifies those gradients only.
 */
public final class BatchNorm implements Module {
    private final Parameter gamma;
    private final Parameter beta;
    private final Parameter runningMean;
    private final Parameter log10Std;
    private final Tensor gammaTensor;
    private final Tensor betaTensor;
    private final int spatial;
    private final double decay;
    private final double eps;
    private boolean training = true;

    /** Over γ, β, the running mean and log10 σ (each [1, C]), for rows of C channels of {@code spatial} values each. */
    public BatchNorm(Parameter gamma, Parameter beta, Parameter runningMean, Parameter log10Std, int spatial,
                     double decay, double eps) {
        this.gamma = gamma;
        this.beta = beta;
        this.runningMean = runningMean;
        this.log10Std = log10Std;
        this.gammaTensor = Tensor.parameter(gamma.value(), gamma.gradient());
        this.betaTensor = Tensor.parameter(beta.value(), beta.gradient());
        this.spatial = spatial;
        this.decay = decay;
        this.eps = eps;
    }

    @Override
    public Tensor forward(Tensor x) {
        int channels = gamma.value().cols();
        if (x.cols() != channels * spatial) {
            throw new IllegalArgumentException("BatchNorm " + gamma.name() + ": rows of " + x.cols() + " values, expected "
                    + channels + " channels x " + spatial);
        }
        Tensor v = spatial == 1 ? x : x.channelsLast(channels);                      // [N, C]
        Tensor xHat = training ? byBatch(v) : byRunningStatistics(v);               // [N, C]
        Tensor y = xHat.mulRowVector(gammaTensor).addRowVector(betaTensor);          // x̂ ⊙ γ + β  [N, C]
        return spatial == 1 ? y : y.channelsFirst(spatial);                         // [B, C·S]
    }

    /** x̂ from the batch's own mean and variance; sets the running statistics' steps. */
    private Tensor byBatch(Tensor v) {
        int n = v.rows();
        Tensor mean = v.sumRows().dividedBy(n);                                      // μ   [1, C]
        Tensor centred = v.subRowVector(mean);                                       // d   [N, C]
        Tensor variance = centred.mul(centred).sumRows().dividedBy(n);               // σ²  [1, C]
        for (int c = 0; c < mean.cols(); c++) {
            runningMean.gradient().set(c, BatchNormLayer.runningMeanStep(runningMean.value().get(c), mean.data().get(c), decay));
            log10Std.gradient().set(c, BatchNormLayer.log10StdStep(log10Std.value().get(c), variance.data().get(c), decay));
        }
        return centred.divRowVector(variance.plus(eps).sqrt());                     // d ÷ √(σ² + ε)
    }

    /** x̂ from the running mean and σ² = (10^log10σ)², as constants. */
    private Tensor byRunningStatistics(Tensor v) {
        Matrix variance = log10Std.value().like(1, log10Std.value().cols());
        for (int c = 0; c < variance.cols(); c++) {
            double s = Math.pow(10.0, log10Std.value().get(c));
            variance.set(c, variance.dtype() == DType.FLOAT ? (float) s * (double) (float) s : s * s);   // σ in the data type
        }
        Tensor std = Tensor.constant(variance).plus(eps).sqrt();                      // √(σ² + ε)  [1, C]
        return v.subRowVector(Tensor.constant(runningMean.value())).divRowVector(std);
    }

    /** Training (batch statistics, the default) or inference (the running ones), PyTorch's model.train(b). */
    @Override
    public void train(boolean training) {
        this.training = training;
    }

    /** γ, β, the running mean, log10 σ: DL4J's order. */
    @Override
    public List<Parameter> parameters() {
        return List.of(gamma, beta, runningMean, log10Std);
    }
}
