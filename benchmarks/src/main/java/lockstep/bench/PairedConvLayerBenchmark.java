package lockstep.bench;

import java.util.concurrent.TimeUnit;
import lockstep.dl4j.Nd4jRuntime;
import lockstep.engine.EngineComponents;
import lockstep.engine.Parameter;
import lockstep.engine.activations.Identity;
import lockstep.engine.layers.ConvolutionLayer;
import lockstep.linalg.ConvShape;
import lockstep.linalg.DType;
import lockstep.linalg.Matrix;
import lockstep.rand.SplitMix64;
import lockstep.spec.ParameterKey;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One convolution layer's forward and backward pass at LeNet's second convolution (B64, 20x12x12 in, 5x5 kernels to
 * 50 channels, identity), FLOAT, paired as {@link PairedStepBenchmark} is: the engine's {@code ConvolutionLayer}
 * (im2col, FastMatMul, col2im) against DL4J's own layer ({@code activate} and {@code backpropGradient}, its built-in
 * im2col and BLAS path), the same W, b, input and gradient on both sides.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 6, time = 1)
@Fork(value = 3, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx4g",
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class PairedConvLayerBenchmark {
    static final int BATCH = 64;
    static final int CHANNELS = 20;
    static final int SIDE = 12;
    static final int OUT = 50;
    static final int KERNEL = 5;

    @State(Scope.Benchmark)
    public static class Layers {
        ConvolutionLayer engine;
        Matrix x;
        Matrix dLda;
        Layer dl4j;
        INDArray dl4jX;
        INDArray dl4jEpsilon;
        final LayerWorkspaceMgr workspaces = LayerWorkspaceMgr.noWorkspaces();

        @Setup(Level.Trial)
        public void build() {
            Nd4jRuntime.init();
            ConvShape g = ConvShape.truncate(CHANNELS, SIDE, SIDE, KERNEL, KERNEL, 1, 1, 0, 0);
            double[] w = values(OUT * g.patchSize(), 1, 0.05);
            double[] b = values(OUT, 2, 0.1);
            double[] xs = values(BATCH * g.inputSize(), 3, 1.0);
            double[] eps = values(BATCH * OUT * g.windows(), 4, 1.0);
            engine = EngineComponents.withThreads(Nd4jRuntime.threadCount()).convolutionLayer(
                    new Parameter(ParameterKey.weights(0), Matrix.of(DType.FLOAT, OUT, g.patchSize(), w)),
                    new Parameter(ParameterKey.bias(0), Matrix.of(DType.FLOAT, 1, OUT, b)), g, new Identity());
            x = Matrix.of(DType.FLOAT, BATCH, g.inputSize(), xs);
            dLda = Matrix.of(DType.FLOAT, BATCH, OUT * g.windows(), eps);
            MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).dataType(DataType.FLOAT).list()
                    .layer(new org.deeplearning4j.nn.conf.layers.ConvolutionLayer.Builder(KERNEL, KERNEL).stride(1, 1)
                            .nOut(OUT).activation(Activation.IDENTITY).build())
                    .setInputType(InputType.convolutional(SIDE, SIDE, CHANNELS)).build();
            MultiLayerNetwork net = new MultiLayerNetwork(conf);
            net.init();
            net.initGradientsView();
            dl4j = net.getLayer(0);
            dl4j.setParam("W", Nd4j.create(w, new long[] {OUT, CHANNELS, KERNEL, KERNEL}, 'c').castTo(DataType.FLOAT));
            dl4j.setParam("b", Nd4j.create(b, new long[] {1, OUT}, 'c').castTo(DataType.FLOAT));
            dl4jX = Nd4j.create(xs, new long[] {BATCH, CHANNELS, SIDE, SIDE}, 'c').castTo(DataType.FLOAT);
            dl4jEpsilon = Nd4j.create(eps, new long[] {BATCH, OUT, g.outH(), g.outW()}, 'c').castTo(DataType.FLOAT);
        }

        private static double[] values(int n, long seed, double scale) {
            SplitMix64 r = new SplitMix64(seed);
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = (r.nextDouble() * 2 - 1) * scale;
            }
            return v;
        }

        double engine() {
            engine.forward(x);
            return engine.backward(dLda, true).get(0);
        }

        double dl4j() {
            dl4j.activate(dl4jX, true, workspaces);
            return dl4j.backpropGradient(dl4jEpsilon, workspaces).getSecond().getDouble(0);
        }
    }

    @Benchmark
    public double forwardAndBackward(Layers l, PairedClock clock) {
        long t0 = System.nanoTime();
        double v = clock.engineTurn() ? l.engine() : l.dl4j();
        clock.add(System.nanoTime() - t0);
        return v;
    }
}
