package lockstep.rand;

import lockstep.linalg.DType;
import lockstep.spec.DropoutSpec;

/**
 * The random arrays DL4J 1.0.0-M2.1's dropouts draw for a layer input x [rows, cols] in a training
 * forward pass, as row-major values. Each is one op on the global generator over an array laid out like
 * x (element i of its buffer takes U(i)); {@code Dl4jDropoutParityTest} finds every dense layer's input
 * row-major ('c') in M2.1, the network input as {@code Dl4jTrainer} builds it included, so
 * {@code columnMajor} is false there. Every training forward pass draws anew ({@code fit} and
 * {@code computeGradientAndScore} each), layer by layer in order; inference draws nothing.
 * Sources: {@code org.deeplearning4j.nn.conf.dropout.{Dropout,GaussianDropout,GaussianNoise,AlphaDropout}}.
 */
public final class Dl4jDropout {
    private final Nd4jDistributions ops;

    public Dl4jDropout(Nd4jDistributions ops) {
        this.ops = ops;
    }

    /**
     * The random array {@code dropout} draws for an input [rows, cols], row-major: {@link #invertedMask},
     * {@link #gaussianDropoutNoise}, {@link #gaussianNoise} or {@link #alphaDropoutMask} by its kind. Modifies rng.
     */
    public double[] draw(Nd4jRandom rng, int rows, int cols, DropoutSpec dropout, boolean columnMajor, DType type) {
        double v = dropout.value();
        return switch (dropout.kind()) {
            case DROPOUT -> invertedMask(rng, rows, cols, v, columnMajor, type);
            case GAUSSIAN_DROPOUT -> gaussianDropoutNoise(rng, rows, cols, v, columnMajor, type);
            case GAUSSIAN_NOISE -> gaussianNoise(rng, rows, cols, v, columnMajor, type);
            case ALPHA_DROPOUT -> alphaDropoutMask(rng, rows, cols, v, columnMajor, type);
        };
    }

    /** {@code Dropout(p)}: DropOutInverted on ones, so 0 or 1/p; output = x ⊙ mask. Modifies rng. */
    public double[] invertedMask(Nd4jRandom rng, int rows, int cols, double p, boolean columnMajor, DType type) {
        double[] ones = new double[Math.multiplyExact(rows, cols)];
        java.util.Arrays.fill(ones, 1.0);
        return rowMajor(ops.dropOutInverted(rng, ones, p, type), rows, cols, columnMajor);
    }

    /** {@code GaussianDropout(rate)}: noise N(1, sqrt(rate / (1 − rate))); output = x ⊙ noise. Modifies rng. */
    public double[] gaussianDropoutNoise(Nd4jRandom rng, int rows, int cols, double rate, boolean columnMajor, DType type) {
        double std = Math.sqrt(rate / (1.0 - rate));
        return rowMajor(ops.gaussian(rng, Math.multiplyExact(rows, cols), 1.0, std, type), rows, cols, columnMajor);
    }

    /** {@code GaussianNoise(stddev)}: noise N(0, stddev); output = x + noise. Modifies rng. */
    public double[] gaussianNoise(Nd4jRandom rng, int rows, int cols, double stddev, boolean columnMajor, DType type) {
        return rowMajor(ops.gaussian(rng, Math.multiplyExact(rows, cols), 0.0, stddev, type), rows, cols, columnMajor);
    }

    /**
     * {@code AlphaDropout(p)}: the Bernoulli(p) keep mask d (1 keeps); DL4J then computes
     * output = ((x ⊙ d + (1 − d) ⊙ α') ⊙ a) + b in the data type. Modifies rng.
     */
    public double[] alphaDropoutMask(Nd4jRandom rng, int rows, int cols, double p, boolean columnMajor, DType type) {
        return rowMajor(ops.bernoulli(rng, Math.multiplyExact(rows, cols), p, type), rows, cols, columnMajor);
    }

    private static double[] rowMajor(double[] buffer, int rows, int cols, boolean columnMajor) {
        return columnMajor ? Dl4jInit.rowMajor(buffer, rows, cols) : buffer;
    }
}
