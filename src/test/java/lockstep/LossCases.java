package lockstep;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import lockstep.spec.ActivationType;
import lockstep.spec.LossType;

/**
 * The loss/output-activation pairs the tests train and check: every {@link LossType} at least once with an
 * output activation it is meant for, plus DL4J's special paths (MCXENT without softmax, XENT with softmax).
 */
public final class LossCases {

    /** A loss with its output activation and a learning rate that trains Iris stably in FLOAT too. */
    public record LossCase(LossType loss, ActivationType output, double learningRate) {
        @Override
        public String toString() {
            return loss + "+" + output;
        }
    }

    private static final List<LossCase> ALL = List.of(
            new LossCase(LossType.MCXENT, ActivationType.SOFTMAX, 0.1),
            new LossCase(LossType.MCXENT, ActivationType.SIGMOID, 0.1),
            new LossCase(LossType.NEGATIVELOGLIKELIHOOD, ActivationType.SOFTMAX, 0.1),
            new LossCase(LossType.MSE, ActivationType.IDENTITY, 0.05),
            new LossCase(LossType.L1, ActivationType.TANH, 0.05),
            new LossCase(LossType.L2, ActivationType.SIGMOID, 0.05),
            new LossCase(LossType.MEAN_ABSOLUTE_ERROR, ActivationType.IDENTITY, 0.05),
            new LossCase(LossType.XENT, ActivationType.SIGMOID, 0.1),
            new LossCase(LossType.XENT, ActivationType.SOFTMAX, 0.1),
            new LossCase(LossType.HINGE, ActivationType.TANH, 0.05),
            new LossCase(LossType.SQUARED_HINGE, ActivationType.IDENTITY, 0.02),
            new LossCase(LossType.KL_DIVERGENCE, ActivationType.SOFTMAX, 0.1),
            new LossCase(LossType.POISSON, ActivationType.SOFTPLUS, 0.05),
            new LossCase(LossType.COSINE_PROXIMITY, ActivationType.TANH, 0.1),
            new LossCase(LossType.MEAN_SQUARED_LOGARITHMIC_ERROR, ActivationType.SIGMOID, 0.1),
            new LossCase(LossType.MEAN_ABSOLUTE_PERCENTAGE_ERROR, ActivationType.RELU, 0.01));

    private LossCases() {
    }

    public static List<LossCase> all() {
        return ALL;
    }

    /**
     * The cases whose gradient is the derivative of their score. Not XENT+SOFTMAX: there DL4J scores
     * MCXENT's -Σ y ln p but takes the gradient of binary cross-entropy (see {@code Xent}).
     */
    public static Stream<LossCase> differentiable() {
        return ALL.stream().filter(c -> !(c.loss() == LossType.XENT && c.output() == ActivationType.SOFTMAX));
    }

    /** Every loss type that no case covers (empty when the list is complete). */
    public static List<LossType> uncovered() {
        return Arrays.stream(LossType.values()).filter(t -> ALL.stream().noneMatch(c -> c.loss() == t)).toList();
    }
}
