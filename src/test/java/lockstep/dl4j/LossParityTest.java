package lockstep.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import lockstep.LossCases.LossCase;
import lockstep.LossCases;
import lockstep.comparison.TensorDiff;
import lockstep.comparison.Tolerance;
import lockstep.engine.EngineComponents;
import lockstep.engine.activations.Activation;
import lockstep.engine.losses.Loss;
import lockstep.engine.losses.Poisson;
import lockstep.engine.losses.Xent;
import lockstep.harness.LockstepResult;
import lockstep.harness.LockstepRun;
import lockstep.linalg.DType;
import lockstep.linalg.Matrix;
import lockstep.rand.SplitMix64;
import lockstep.report.ParityReport;
import lockstep.spec.ActivationType;
import lockstep.spec.LayerSpec;
import lockstep.spec.LossType;
import lockstep.spec.NetworkSpec;
import lockstep.spec.RunSpec;
import lockstep.spec.UpdaterSpec;
import lockstep.spec.UpdaterType;
import lockstep.spec.WeightInit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * Every engine loss against DL4J's own {@link ILossFunction}: score and gradient on random data, for
 * every output activation the loss accepts, then a lockstep run on Iris with each loss in DOUBLE and
 * FLOAT. DL4J's computeGradient is per example (no 1/B), the engine's is of the batch mean, so the
 * engine's gradient is multiplied by B before comparing.
 */
class LossParityTest {
    private static final int BATCH = 7;
    private static final int OUTPUTS = 3;
    /**
     * Scale-aware relative tolerance of the direct comparison in DOUBLE (floor as the step check's). Measured worst
     * over every loss, accepted output activation, seed and label kind: 3.2e-12, for XENT with SOFTMAX where the
     * softmax Jacobian subtracts Σ dL/da·a from dL/da values up to 1e5 (1/(q(1-q)) near the clip) and cancels;
     * without softmax or rectified tanh the worst is 4e-15.
     */
    private static final Tolerance DOUBLE_EXACT = new Tolerance(1e-11, 1e-3, 0.0);
    /**
     * In FLOAT, ND4J evaluates activations in float arithmetic and the engine in double rounded once (a sigmoid
     * near 1 can differ by an ulp, 0.7% of 1 - p); on N(0,1) pre-activations the worst measured is 1.8e-3
     * (COSINE_PROXIMITY with RELU) over all pairs, 1.2e-4 over the lockstep cases.
     */
    private static final Tolerance FLOAT_CLOSE = new Tolerance(1e-3, 1e-3, 0.0);

    @BeforeAll
    static void pinThreads() {
        Nd4jRuntime.init();
    }

    /** The worst scale-aware relative difference of score and of B·gradient, engine vs DL4J. */
    static double worstDifference(Loss engine, LossType dl4jLoss, ActivationType output, Matrix z, Matrix labels) {
        Activation activation = new EngineComponents().activation(output);
        Matrix a = z.like(z.rows(), z.cols());
        Matrix dz = z.like(z.rows(), z.cols());
        activation.forward(z, a);
        double engineScore = engine.score(a, labels, activation);
        engine.gradient(z, a, labels, activation, dz);
        double[] engineGradient = Arrays.stream(dz.toDoubleArray()).map(g -> g * z.rows()).toArray();

        ILossFunction lf = LossFunction.valueOf(dl4jLoss.name()).getILossFunction();
        var fn = org.nd4j.linalg.activations.Activation.valueOf(output.name()).getActivationFunction();
        INDArray pre = nd4j(z);
        INDArray y = nd4j(labels);
        // computeGradient runs the activation's backprop in place on preOutput: each call gets its own copy
        double dl4jScore = lf.computeScore(y, pre.dup(), fn, null, true);
        double[] dl4jGradient = lf.computeGradient(y, pre.dup(), fn, null).castTo(DataType.DOUBLE).dup('c').data().asDouble();

        Tolerance any = new Tolerance(0, 1e-3, 0.0); // only worstError is used: the floor as the step check's
        double score = TensorDiff.of(new double[] {engineScore}, new double[] {dl4jScore}, any).worstError();
        double gradient = TensorDiff.of(engineGradient, dl4jGradient, any).worstError();
        return Math.max(score, gradient);
    }

    private static INDArray nd4j(Matrix m) {
        return Nd4j.create(m.toDoubleArray(), new long[] {m.rows(), m.cols()}, 'c')
                .castTo(m.dtype() == DType.DOUBLE ? DataType.DOUBLE : DataType.FLOAT);
    }

    /**
     * Pre-activations, N(0,1); with {@code spread}, a third of them uniform over [-12, 12] instead, so that clips
     * and saturated outputs are reached.
     */
    static Matrix preActivations(DType dtype, long seed, boolean spread) {
        SplitMix64 rng = new SplitMix64(seed);
        Matrix z = Matrix.zeros(dtype, BATCH, OUTPUTS);
        for (int i = 0; i < z.size(); i++) {
            z.set(i, spread && rng.nextDouble() < 0.3 ? 24 * (rng.nextDouble() - 0.5) : rng.nextGaussian());
        }
        return z;
    }

    /** Labels as lockstep feeds them for {@code loss}: one-hot rows, or soft rows (random, summing to 1), encoded. */
    static Matrix labels(LossType loss, DType dtype, boolean soft, long seed) {
        SplitMix64 rng = new SplitMix64(seed);
        Matrix y = Matrix.zeros(dtype, BATCH, OUTPUTS);
        for (int r = 0; r < BATCH; r++) {
            double[] row = new double[OUTPUTS];
            if (soft) {
                double sum = 0;
                for (int c = 0; c < OUTPUTS; c++) {
                    row[c] = rng.nextDouble();
                    sum += row[c];
                }
                for (int c = 0; c < OUTPUTS; c++) {
                    row[c] /= sum;
                }
            } else {
                row[rng.nextInt(OUTPUTS)] = 1.0;
            }
            for (int c = 0; c < OUTPUTS; c++) {
                y.set(r, c, loss.labels().encode(row[c]));
            }
        }
        return y;
    }

    static Stream<Arguments> everyLossWithEveryOutputItAccepts() {
        return Arrays.stream(LossType.values()).flatMap(loss -> Arrays.stream(ActivationType.values())
                .filter(out -> loss.outputs().allows(out))
                .map(out -> Arguments.of(loss, out)));
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("everyLossWithEveryOutputItAccepts")
    void scoreAndGradientMatchDl4jOnRandomData(LossType loss, ActivationType output) {
        Loss engine = new EngineComponents().loss(loss);
        for (long seed = 1; seed <= 3; seed++) {
            for (boolean soft : new boolean[] {false, true}) {
                double worst = worstDifference(engine, loss, output, preActivations(DType.DOUBLE, seed, true),
                        labels(loss, DType.DOUBLE, soft, 100 + seed));
                long s = seed;
                assertTrue(worst <= DOUBLE_EXACT.relative(), () -> loss + " with " + output + (soft ? ", soft" : ", one-hot")
                        + " labels, seed " + s + ": worst relative difference " + worst);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lockstep.LossCases#all")
    void scoreAndGradientMatchDl4jInFloat(LossCase c) {
        Loss engine = new EngineComponents().loss(c.loss());
        double worst = worstDifference(engine, c.loss(), c.output(), preActivations(DType.FLOAT, 5, false),
                labels(c.loss(), DType.FLOAT, false, 105));
        assertTrue(worst <= FLOAT_CLOSE.relative(), () -> c + " FLOAT: worst relative difference " + worst);
    }

    /**
     * XENT's clip bounds are floats in a FLOAT network: HARDSIGMOID(±2.49999) = 0.999998 / 0.000002 (its
     * derivative 0.2 is exact) is clipped, and 1/(1 - q) at q = (float) (1 - 1e-5) is 0.14% off its double value.
     */
    @Test
    void xentClipsAtFloatBoundsInAFloatNetwork() {
        Matrix z = Matrix.of(DType.FLOAT, 1, 3, new double[] {2.49999, -2.49999, 0.3});
        Matrix y = Matrix.of(DType.FLOAT, 1, 3, new double[] {0, 1, 0});
        double worst = worstDifference(new Xent(), LossType.XENT, ActivationType.HARDSIGMOID, z, y);
        assertTrue(worst < 1e-6, "worst relative difference " + worst);
        Loss doubleBounds = new Xent() {
            @Override
            public void gradient(Matrix z, Matrix output, Matrix labels, Activation activation, Matrix dLdz) {
                Matrix dLda = output.like(output.rows(), output.cols());
                for (int i = 0; i < output.size(); i++) {
                    double q = Math.min(1 - CLIP_FOR_TEST, Math.max(CLIP_FOR_TEST, output.get(i)));
                    dLda.set(i, (q - labels.get(i)) / (q * (1 - q)) / output.rows());
                }
                activation.backward(z, output, dLda, dLdz);
            }
        };
        double off = worstDifference(doubleBounds, LossType.XENT, ActivationType.HARDSIGMOID, z, y);
        assertTrue(off > 1e-3, "double clip bounds should differ from DL4J's in FLOAT: " + off);
    }

    private static final double CLIP_FOR_TEST = 1e-5;

    @Test
    void everyLossTypeHasALockstepCase() {
        assertEquals(List.of(), LossCases.uncovered());
    }

    /** Planted-bug twins: the same comparison reports a wrong formula. */
    @Test
    void aWrongLossIsReportedAsDifferent() {
        Loss signFlipped = new Poisson() {
            @Override
            public void gradient(Matrix z, Matrix output, Matrix labels, Activation activation, Matrix dLdz) {
                super.gradient(z, output, labels, activation, dLdz);
                for (int i = 0; i < dLdz.size(); i++) {
                    dLdz.set(i, -dLdz.get(i));
                }
            }
        };
        double sign = worstDifference(signFlipped, LossType.POISSON, ActivationType.SOFTPLUS,
                preActivations(DType.DOUBLE, 1, true), labels(LossType.POISSON, DType.DOUBLE, false, 101));
        assertTrue(sign > 0.1, "a sign error in POISSON's gradient went unnoticed: " + sign);

        // MSE's /nOut forgotten: the engine's L2 against DL4J's MSE
        double factor = worstDifference(new EngineComponents().loss(LossType.L2), LossType.MSE, ActivationType.IDENTITY,
                preActivations(DType.DOUBLE, 1, true), labels(LossType.MSE, DType.DOUBLE, false, 101));
        assertTrue(factor > 0.1, "a missing 1/nOut went unnoticed: " + factor);

        // XENT's gradient without the clip: only the clipped elements differ, and they are caught
        Loss unclipped = new Xent() {
            @Override
            public void gradient(Matrix z, Matrix output, Matrix labels, Activation activation, Matrix dLdz) {
                Matrix dLda = output.like(output.rows(), output.cols());
                for (int i = 0; i < output.size(); i++) {
                    double p = output.get(i);
                    dLda.set(i, (p - labels.get(i)) / (p * (1 - p)) / output.rows());
                }
                activation.backward(z, output, dLda, dLdz);
            }
        };
        double clip = worstDifference(unclipped, LossType.XENT, ActivationType.SIGMOID,
                preActivations(DType.DOUBLE, 1, true), labels(LossType.XENT, DType.DOUBLE, false, 101));
        assertTrue(clip > 1e-3, "XENT's gradient clip went unnoticed: " + clip);
    }

    /** DL4J quirk the engine never meets (training uses computeScore): LossMAE's per-example scores miss the 1/nOut. */
    @Test
    void dl4jMaePerExampleScoresAreNotDividedByNOut() {
        INDArray pre = nd4j(preActivations(DType.DOUBLE, 1, false));
        INDArray y = nd4j(labels(LossType.MEAN_ABSOLUTE_ERROR, DType.DOUBLE, false, 101));
        var identity = org.nd4j.linalg.activations.Activation.IDENTITY.getActivationFunction();
        ILossFunction mae = LossFunction.MEAN_ABSOLUTE_ERROR.getILossFunction();
        double perExampleSum = mae.computeScoreArray(y, pre.dup(), identity, null).sumNumber().doubleValue();
        double score = mae.computeScore(y, pre.dup(), identity, null, false);
        assertEquals(OUTPUTS * score, perExampleSum, 1e-12 * perExampleSum);
    }

    static Stream<Arguments> casesInBothTypes() {
        return LossCases.all().stream().flatMap(c -> Stream.of(Arguments.of(c, DType.DOUBLE), Arguments.of(c, DType.FLOAT)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("casesInBothTypes")
    void lockstepTrainingOnIrisAgrees(LossCase c, DType dtype) {
        NetworkSpec net = new NetworkSpec(List.of(new LayerSpec(4, 8, ActivationType.TANH), new LayerSpec(8, 3, c.output())),
                c.loss(), WeightInit.XAVIER_UNIFORM, new UpdaterSpec(UpdaterType.SGD, c.learningRate()));
        RunSpec spec = RunSpec.irisDefault().withNetwork(net)
                .withTraining(RunSpec.irisDefault().training().withDataType(dtype).withEpochs(3).withBatchSize(16));
        LockstepResult r = LockstepRun.of(spec).run(e -> { });
        assertTrue(r.passed(), () -> c + " " + dtype + ": " + ParityReport.verdictLine(r));
        assertEquals(30, r.steps());
    }
}
