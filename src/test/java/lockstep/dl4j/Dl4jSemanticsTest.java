package lockstep.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.Map;
import lockstep.linalg.DType;
import lockstep.spec.ActivationType;
import lockstep.spec.LayerSpec;
import lockstep.spec.LossType;
import lockstep.spec.NetworkSpec;
import lockstep.spec.UpdaterSpec;
import lockstep.spec.UpdaterType;
import lockstep.spec.WeightInit;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Pins the facts about DL4J 1.0.0-M2.1 that the engine and harness rely on, by running real DL4J.
 * A DL4J upgrade that changes one of them fails here, with the fact named.
 */
class Dl4jSemanticsTest {
    private static final NetworkSpec NET = new NetworkSpec(
            List.of(new LayerSpec(3, 4, ActivationType.TANH), new LayerSpec(4, 2, ActivationType.SOFTMAX)),
            LossType.MCXENT, WeightInit.XAVIER_UNIFORM, new UpdaterSpec(UpdaterType.SGD, 0.1));
    private static final double[] X = {0.5, -1.0, 2.0, 1.5, 0.25, -0.75, -2.0, 1.0, 0.1};
    private static final double[] Y = {1, 0, 0, 1, 1, 0};

    @Test
    void weightsAreStoredNInByNOutAndBiasesAsVectors() {
        MultiLayerNetwork net = new Dl4jTrainer(NET, DType.DOUBLE, 1).network();
        assertArrayEquals(new long[] {3, 4}, net.getParam("0_W").shape());
        assertArrayEquals(new long[] {4}, net.getParam("0_b").shape());
        assertEquals(List.of("0_W", "0_b", "1_W", "1_b"), List.copyOf(net.paramTable().keySet()));
    }

    @Test
    void rawGradientIsTheSumOfPerExampleGradients() {
        Dl4jTrainer batch = new Dl4jTrainer(NET, DType.DOUBLE, 1);
        Map<String, double[]> start = batch.parameters();
        double[] summed = new double[12];
        for (int e = 0; e < 3; e++) {
            Dl4jTrainer single = new Dl4jTrainer(NET, DType.DOUBLE, 1);
            single.setParameters(start);
            double[] g = single.step(slice(X, e, 3), slice(Y, e, 2), 1).rawGradients().get("0_W");
            for (int i = 0; i < 12; i++) {
                summed[i] += g[i];
            }
        }
        assertArrayEquals(summed, batch.step(X, Y, 3).rawGradients().get("0_W"), 1e-15);
    }

    /**
     * Writing the updater state back (row-major, as it is read) makes a second network continue exactly as the first:
     * the same next step to the bit, in both data types; a network without that state takes a different one.
     */
    @Test
    void updaterStateWrittenBackContinuesTheRunBitForBit() {
        NetworkSpec adam = NET.withUpdater(new UpdaterSpec(UpdaterType.ADAM, 0.05));
        for (DType dtype : DType.values()) {
            Dl4jTrainer first = new Dl4jTrainer(adam, dtype, 1);
            Dl4jTrainer second = new Dl4jTrainer(adam, dtype, 1);
            Dl4jTrainer stale = new Dl4jTrainer(adam, dtype, 1);
            for (int s = 0; s < 3; s++) {
                first.step(X, Y, 3);
                stale.step(X, Y, 3);
            }
            second.step(X, Y, 3);
            second.step(X, Y, 3);
            second.step(X, Y, 3);       // the same iteration count as the first, so only the state is written
            second.setParameters(first.parameters());
            second.setUpdaterState(first.updaterState());
            stale.setParameters(first.parameters());
            stale.setUpdaterState(zeros(first.updaterState()));
            assertEquals(first.updaterState().keySet(), second.updaterState().keySet());
            first.updaterState().forEach((k, v) -> assertArrayEquals(v, second.updaterState().get(k), 0.0, k));
            double[] next = first.step(X, Y, 3).parameters().get("0_W");
            assertArrayEquals(next, second.step(X, Y, 3).parameters().get("0_W"), 0.0, dtype.name());
            assertNotEquals(next[0], stale.step(X, Y, 3).parameters().get("0_W")[0], dtype.name());
        }
    }

    private static Map<String, double[]> zeros(Map<String, double[]> like) {
        Map<String, double[]> out = new java.util.LinkedHashMap<>();
        like.forEach((k, v) -> out.put(k, new double[v.length]));
        return out;
    }

    @Test
    void sgdUpdateIsLearningRateTimesMeanGradientAndIsWhatFitSubtracted() {
        Dl4jTrainer t = new Dl4jTrainer(NET, DType.DOUBLE, 1);
        Map<String, double[]> before = t.parameters();
        Dl4jStep s = t.step(X, Y, 3);
        for (String k : before.keySet()) {
            double[] g = s.rawGradients().get(k);
            double[] u = s.updates().get(k);
            double[] after = s.parameters().get(k);
            for (int i = 0; i < g.length; i++) {
                assertEquals(0.1 * (g[i] / 3), u[i], 1e-17, k + " update = lr * sum / B");
                assertEquals(before.get(k)[i] - u[i], after[i], 0.0, k + " theta_after = theta_before - update, exactly");
            }
        }
    }

    @Test
    void scoreIsTheBatchMeanCrossEntropyBeforeTheUpdate() {
        Dl4jTrainer t = new Dl4jTrainer(NET, DType.DOUBLE, 1);
        INDArray p = t.network().output(Nd4j.create(X, new long[] {3, 3}, 'c'));
        double expected = 0;
        for (int e = 0; e < 3; e++) {
            for (int c = 0; c < 2; c++) {
                expected -= Y[e * 2 + c] * Math.log(p.getDouble(e, c));
            }
        }
        assertEquals(expected / 3, t.step(X, Y, 3).score(), 1e-15);
    }

    @Test
    void reluDerivativeAtZeroIsZero() {
        NetworkSpec zeroHidden = new NetworkSpec(
                List.of(new LayerSpec(3, 4, ActivationType.RELU, WeightInit.ZERO), new LayerSpec(4, 2, ActivationType.SOFTMAX)),
                LossType.MCXENT, WeightInit.XAVIER_UNIFORM, new UpdaterSpec(UpdaterType.SGD, 0.1));
        Dl4jStep s = new Dl4jTrainer(zeroHidden, DType.DOUBLE, 1).step(X, Y, 3);
        assertArrayEquals(new double[12], s.rawGradients().get("0_W"), 0.0, "all hidden z are 0, relu'(0) = 0");
    }

    @Test
    void tanhIsComputedFromPowersOfEAsTheEngineDoes() {
        double[] z = new double[2001];
        for (int i = 0; i < z.length; i++) {
            z[i] = -5 + i * 0.005;
        }
        double[] nd4j = Transforms.tanh(Nd4j.createFromArray(z), true).toDoubleVector();
        int exact = 0;
        for (int i = 0; i < z.length; i++) {
            double p = Math.pow(Math.E, -2 * Math.abs(z[i]));
            double formula = Math.signum(z[i]) * (1 - p) / (1 + p);
            assertEquals(formula, nd4j[i], 2e-16 * Math.max(1, Math.abs(formula)) + Math.ulp(formula), "tanh(" + z[i] + ")");
            exact += formula == nd4j[i] ? 1 : 0;
        }
        assertEquals(z.length, exact, 5, "nearly every value is bit-identical");
    }

    private static double[] slice(double[] rows, int row, int cols) {
        double[] out = new double[cols];
        System.arraycopy(rows, row * cols, out, 0, cols);
        return out;
    }
}
