package lockstep.engine.autograd;

import java.util.List;
import lockstep.engine.Parameter;
import lockstep.engine.layers.BatchNormLayer;
import lockstep.linalg.Matrix;

/**
 * Batch normalisation (PyTorch's nn.BatchNorm1d/2d, with DL4J's parameters), per channel over the N = B·S values of
 * a batch (S = H·W after a convolution, 1 after a dense layer):
 * <pre>
 *   v = channelsLast(x)                  x [B, C·S] -> v [N, C]   (v = x when S = 1)
 *   training:  y = batchNorm(v, γ, β)     one node ({@link BatchNormOp}): the batch's μ and biased σ²
 *   inference: y = (v − 1·μ) ÷ 1·√(σ² + ε) ⊙ 1·γ + 1·β   with the running μ and σ² = (10^log10σ)² as constants
 *   out = channelsFirst(y)               [B, C·S]
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
        Tensor y = training ? BatchNormOp.apply(v, gammaTensor, betaTensor, eps, this::recordRunningStatistics)
                : byRunningStatistics(v);                                            // [N, C]
        return spatial == 1 ? y : y.channelsFirst(spatial);                         // [B, C·S]
    }

    /** Sets the running statistics' steps from the batch's mean and variance. */
    private void recordRunningStatistics(BatchNormOp batch) {
        for (int c = 0; c < gamma.value().cols(); c++) {
            runningMean.gradient().set(c, BatchNormLayer.runningMeanStep(runningMean.value().get(c), batch.mean(c), decay));
            log10Std.gradient().set(c, BatchNormLayer.log10StdStep(log10Std.value().get(c), batch.variance(c), decay));
        }
    }

    /** x̂·γ + β from the running mean and σ² = (10^log10σ)², as constants. */
    private Tensor byRunningStatistics(Tensor v) {
        int channels = gamma.value().cols();
        Matrix std = log10Std.value().like(1, channels);
        for (int c = 0; c < channels; c++) {
            std.set(c, BatchNormLayer.runningVariance(log10Std.value().get(c), std.dtype()));  // σ²
            std.set(c, std.get(c) + eps);
            std.set(c, Math.sqrt(std.get(c)));                                        // √(σ² + ε), each step rounded
        }
        return v.subRowVector(Tensor.constant(runningMean.value())).divRowVector(Tensor.constant(std))
                .mulRowVector(gammaTensor).addRowVector(betaTensor);
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
