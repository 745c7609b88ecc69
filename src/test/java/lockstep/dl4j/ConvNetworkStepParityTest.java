package lockstep.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import lockstep.data.Batch;
import lockstep.engine.EngineComponents;
import lockstep.engine.Network;
import lockstep.engine.NetworkBuilder;
import lockstep.engine.Parameter;
import lockstep.engine.layers.BatchNormLayer;
import lockstep.engine.train.MiniBatchStep;
import lockstep.linalg.DType;
import lockstep.linalg.Matrix;
import lockstep.rand.SplitMix64;
import lockstep.spec.ActivationType;
import lockstep.spec.InputShape;
import lockstep.spec.LayerSpec;
import lockstep.spec.LossType;
import lockstep.spec.NetworkSpec;
import lockstep.spec.UpdaterSpec;
import lockstep.spec.UpdaterType;
import lockstep.spec.WeightInit;
import lockstep.spec.WindowSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A small convolutional network trained a few steps by the engine (its own draw from the seed, its own layers) and by
 * DL4J (its own network from the same spec and seed, {@code fit(DataSet)}) on the same batches, in DOUBLE: the
 * starting parameters bit for bit, then after every step the loss and every parameter (W, b, batch normalisation's
 * gamma, beta and running statistics) to 1e-10 relative. Per updater, since batch normalisation's running statistics
 * bypass it.
 */
class ConvNetworkStepParityTest {
    private static final WindowSpec CONV3 = new WindowSpec(3, 3, 1, 1, 0, 0, WindowSpec.Mode.TRUNCATE, null);
    private static final WindowSpec POOL2 = new WindowSpec(2, 2, 2, 2, 0, 0, WindowSpec.Mode.TRUNCATE, WindowSpec.Pooling.MAX);
    private static final WindowSpec CONV2_SAME = new WindowSpec(2, 2, 2, 2, 0, 0, WindowSpec.Mode.SAME, null);

    /** 2x10x10 -> conv 3x3 (4, tanh) -> BN -> max 2x2/2 -> conv 2x2/2 same (5, relu) -> dense 6 (tanh) -> BN -> softmax 3. */
    static NetworkSpec spec(UpdaterType updater) {
        return new NetworkSpec(List.of(
                LayerSpec.convolution(2, 4, ActivationType.TANH, CONV3),
                LayerSpec.batchNormalization(4),
                LayerSpec.subsampling(4, POOL2),
                LayerSpec.convolution(4, 5, ActivationType.RELU, CONV2_SAME),
                new LayerSpec(5 * 2 * 2, 6, ActivationType.TANH),
                LayerSpec.batchNormalization(6),
                new LayerSpec(6, 3, ActivationType.SOFTMAX)),
                LossType.MCXENT, WeightInit.XAVIER, new UpdaterSpec(updater, 0.05)).withInput(new InputShape(10, 10, 2));
    }

    private static Batch batch(int b, long seed) {
        SplitMix64 r = new SplitMix64(seed);
        double[] x = new double[b * 200];
        double[] y = new double[b * 3];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextDouble();
        }
        for (int i = 0; i < b; i++) {
            y[i * 3 + r.nextInt(3)] = 1;
        }
        int[] idx = new int[b];
        return new Batch(idx, Matrix.of(DType.DOUBLE, b, 200, x), Matrix.of(DType.DOUBLE, b, 3, y));
    }

    private static double worst(double[] a, double[] b) {
        double w = 0;
        for (int i = 0; i < a.length; i++) {
            w = Math.max(w, Math.abs(a[i] - b[i]) / Math.max(Math.abs(b[i]), 1e-3));
        }
        return w;
    }

    @ParameterizedTest
    @EnumSource(value = UpdaterType.class, names = {"SGD", "ADAM", "NESTEROVS"})
    void theEngineTrainsAConvNetworkAsDl4jDoes(UpdaterType updater) {
        assertEquals(-1, firstDifferentStep(updater, new EngineComponents()));
    }

    /** The twin: batch normalisation's variance with the other bias (÷(N − 1)) differs at the first step. */
    @Test
    void anUnbiasedBatchVarianceIsCaughtAtTheFirstStep() {
        EngineComponents unbiased = new EngineComponents() {
            @Override
            public BatchNormLayer batchNormLayer(Parameter gamma, Parameter beta, Parameter mean, Parameter log10Std, int spatial) {
                return new BatchNormLayer(gamma, beta, mean, log10Std, spatial, BatchNormLayer.DL4J_DECAY, BatchNormLayer.DL4J_EPS) {
                    @Override
                    protected double variance(double m2, long n) {
                        return m2 / (n - 1);
                    }
                };
            }
        };
        assertEquals(1, firstDifferentStep(UpdaterType.SGD, unbiased));
    }

    /** Four steps on both sides; the first step (1-based) whose loss or parameters differ, or -1. */
    private static int firstDifferentStep(UpdaterType updater, EngineComponents c) {
        NetworkSpec spec = spec(updater);
        long seed = 5;
        Network net = NetworkBuilder.build(spec, DType.DOUBLE, seed, c);
        MiniBatchStep step = new MiniBatchStep(net, c.optimizer(spec));
        Dl4jTrainer dl4j = new Dl4jTrainer(spec, DType.DOUBLE, seed);

        Map<String, double[]> start = dl4j.parameters();
        assertEquals(start.keySet(), net.parameterValues().keySet(), "the same parameters in DL4J's order");
        start.forEach((k, v) -> assertArrayEquals(v, net.parameterValues().get(k), 0.0, k + " before the first step"));

        for (int s = 0; s < 4; s++) {
            Batch b = batch(8, 100 + s);
            double engineLoss = step.step(b);
            double dl4jLoss = dl4j.fit(b.features().toDoubleArray(), b.labels().toDoubleArray(), b.size());
            if (Math.abs(engineLoss - dl4jLoss) > 1e-12 * Math.abs(dl4jLoss)) {
                return s + 1;
            }
            Map<String, double[]> engine = net.parameterValues();
            for (Map.Entry<String, double[]> e : dl4j.parameters().entrySet()) {
                if (!(worst(engine.get(e.getKey()), e.getValue()) < 1e-10)) {
                    return s + 1;
                }
            }
        }
        return -1;
    }
}
