package lockstep.dl4j;

import static lockstep.dl4j.LayerParity.random;
import static lockstep.dl4j.LayerParity.values;
import static lockstep.dl4j.LayerParity.worst;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import lockstep.engine.Parameter;
import lockstep.engine.layers.BatchNormLayer;
import lockstep.linalg.DType;
import lockstep.linalg.Matrix;
import lockstep.spec.ParameterKey;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The engine's batch normalisation against DL4J's own {@code BatchNormalization} layer (builder defaults: decay 0.9,
 * eps 1e-5, log10 σ stored), after a dense layer and after a convolution, in DOUBLE and FLOAT: training and inference
 * outputs, dγ, dβ, dL/dx, and the updates of the running mean and log10 σ that DL4J hands its no-op updater.
 */
class BatchNormParityTest {

    /** {channels, height, width}; height 0: a dense input of {@code channels} features. */
    static Stream<Arguments> cases() {
        int[][] shapes = {{5, 0, 0}, {3, 4, 5}, {1, 6, 6}};
        List<Arguments> out = new ArrayList<>();
        for (DType dtype : DType.values()) {
            for (int[] s : shapes) {
                out.add(Arguments.of(dtype, s));
            }
        }
        return out.stream();
    }

    /** Worst differences: training output, inference output, dγ, dβ, dL/dx, running mean update, log10 σ update. */
    static double[] compare(DType dtype, int[] s, double engineEps) {
        Nd4jRuntime.init();
        DataType type = dtype == DType.DOUBLE ? DataType.DOUBLE : DataType.FLOAT;
        int c = s[0];
        boolean dense = s[1] == 0;
        int spatial = dense ? 1 : s[1] * s[2];
        int batch = 4;
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).dataType(type).list()
                .layer(new BatchNormalization.Builder().build())
                .setInputType(dense ? InputType.feedForward(c) : InputType.convolutional(s[1], s[2], c)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        net.initGradientsView();
        Layer dl4j = net.getLayer(0);
        double[] g = random(c, 1, 0.5, 1.0);
        double[] b = random(c, 2, 0.5, 0.0);
        double[] mu = random(c, 3, 0.3, 0.1);
        double[] logStd = random(c, 4, 0.2, 0.0);
        dl4j.setParam("gamma", Nd4j.create(g, new long[] {1, c}, 'c').castTo(type));
        dl4j.setParam("beta", Nd4j.create(b, new long[] {1, c}, 'c').castTo(type));
        dl4j.setParam("mean", Nd4j.create(mu, new long[] {1, c}, 'c').castTo(type));
        dl4j.setParam("log10stdev", Nd4j.create(logStd, new long[] {1, c}, 'c').castTo(type));

        Parameter[] p = {
            new Parameter(ParameterKey.parse("0_gamma"), Matrix.of(dtype, 1, c, g)),
            new Parameter(ParameterKey.parse("0_beta"), Matrix.of(dtype, 1, c, b)),
            new Parameter(ParameterKey.parse("0_mean"), Matrix.of(dtype, 1, c, mu)),
            new Parameter(ParameterKey.parse("0_log10stdev"), Matrix.of(dtype, 1, c, logStd))};
        BatchNormLayer engine = new BatchNormLayer(p[0], p[1], p[2], p[3], spatial, 0.9, engineEps);

        double[] xv = random(batch * c * spatial, 5, 2.0, 0.5);
        long[] shape = dense ? new long[] {batch, c} : new long[] {batch, c, s[1], s[2]};
        INDArray x = Nd4j.create(xv, shape, 'c').castTo(type);
        LayerWorkspaceMgr none = LayerWorkspaceMgr.noWorkspaces();
        double floor = dtype == DType.DOUBLE ? 1e-3 : 1.0;

        engine.setTraining(false);
        double inference = worst(engine.forward(Matrix.of(dtype, batch, c * spatial, xv)).toDoubleArray(),
                values(dl4j.activate(x, false, none)), floor);
        engine.setTraining(true);
        double training = worst(engine.forward(Matrix.of(dtype, batch, c * spatial, xv)).toDoubleArray(),
                values(dl4j.activate(x, true, none)), floor);
        double[] ev = random(batch * c * spatial, 6, 1.0, 0.0);
        Matrix dx = engine.backward(Matrix.of(dtype, batch, c * spatial, ev), true);
        Pair<Gradient, INDArray> back = dl4j.backpropGradient(Nd4j.create(ev, shape, 'c').castTo(type), none);
        Gradient grads = back.getFirst();
        return new double[] {training, inference,
            worst(p[0].gradient().toDoubleArray(), values(grads.getGradientFor("gamma")), floor),
            worst(p[1].gradient().toDoubleArray(), values(grads.getGradientFor("beta")), floor),
            worst(dx.toDoubleArray(), values(back.getSecond()), floor),
            worst(p[2].gradient().toDoubleArray(), values(grads.getGradientFor("mean")), floor),
            worst(p[3].gradient().toDoubleArray(), values(grads.getGradientFor("log10stdev")), floor)};
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void trainingInferenceGradientsAndRunningStatisticsAreDl4js(DType dtype, int[] s) {
        double[] worst = compare(dtype, s, 1e-5);
        double tolerance = dtype == DType.DOUBLE ? 1e-12 : 1e-5;
        String[] what = {"training output", "inference output", "dgamma", "dbeta", "dL/dx", "running mean update",
            "log10 std update"};
        for (int i = 0; i < worst.length; i++) {
            assertTrue(worst[i] <= tolerance, what[i] + ": " + worst[i]);
        }
    }

    /** The twin: eps 1e-3 instead of DL4J's 1e-5 is caught in the outputs. */
    @Test
    void anotherEpsilonIsCaught() {
        double[] worst = compare(DType.DOUBLE, new int[] {3, 4, 5}, 1e-3);
        assertTrue(worst[0] > 1e-6 && worst[1] > 1e-6, java.util.Arrays.toString(worst));
    }
}
