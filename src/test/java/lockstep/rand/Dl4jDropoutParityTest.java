package lockstep.rand;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import lockstep.dl4j.Dl4jNetworks;
import lockstep.linalg.DType;
import lockstep.spec.ActivationType;
import lockstep.spec.LayerSpec;
import lockstep.spec.LossType;
import lockstep.spec.NetworkSpec;
import lockstep.spec.UpdaterSpec;
import lockstep.spec.UpdaterType;
import lockstep.spec.WeightInit;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.dropout.AlphaDropout;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.dropout.GaussianDropout;
import org.deeplearning4j.nn.conf.dropout.GaussianNoise;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.cpu.nativecpu.rng.CpuNativeRandom;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's own dropouts during training against {@link Dl4jDropout}: a 3-layer network with dropout on
 * every layer's input trains 3 steps ({@code fit}, plus one {@code computeGradientAndScore} as
 * Dl4jTrainer.step calls it); each dropout call is recorded (generator state before, input, output) and
 * replayed in Java from the seed: Dl4jInit's draws, then one op per call in order. Bit for bit.
 */
class Dl4jDropoutParityTest {
    private static final int BATCH = 5;
    private static final int[] WIDTHS = {6, 9, 7, 3};
    private static final long SEED = 4242;

    enum Kind { DROPOUT, GAUSSIAN_DROPOUT, GAUSSIAN_NOISE, ALPHA_DROPOUT }

    /** One applyDropout call: layer, generator node state before it, input order, input and output row-major. */
    record Call(int layer, long nodeBefore, char order, int rows, int cols, double[] input, double[] output, IDropout inner) {
    }

    /** Wraps a real DL4J dropout and records each call; clones share the record. */
    static final class Recorder implements IDropout {
        private static final long serialVersionUID = 1L;
        private final int layer;
        private final IDropout inner;
        private final transient List<Call> calls;

        Recorder(int layer, IDropout inner, List<Call> calls) {
            this.layer = layer;
            this.inner = inner;
            this.calls = calls;
        }

        @Override
        public INDArray applyDropout(INDArray input, INDArray output, int iteration, int epoch, LayerWorkspaceMgr ws) {
            long node = ((CpuNativeRandom) Nd4j.getRandom()).nodeState();
            double[] in = rowMajor(input);
            INDArray out = inner.applyDropout(input, output, iteration, epoch, ws);
            calls.add(new Call(layer, node, input.ordering(), (int) input.size(0), (int) input.size(1), in, rowMajor(out), inner));
            return out;
        }

        @Override
        public INDArray backprop(INDArray gradAtOutput, INDArray gradAtInput, int iteration, int epoch) {
            return inner.backprop(gradAtOutput, gradAtInput, iteration, epoch);
        }

        @Override
        public void clear() {
            inner.clear();
        }

        @Override
        public IDropout clone() {
            return new Recorder(layer, inner.clone(), calls);
        }

        private static double[] rowMajor(INDArray a) {
            return a.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        }
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (Kind k : Kind.values()) {
            for (DType t : DType.values()) {
                out.add(Arguments.of(k, t));
            }
        }
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void trainingDrawsAreBitIdentical(Kind kind, DType type) throws ReflectiveOperationException {
        List<LayerSpec> layers = new ArrayList<>();
        for (int k = 0; k + 1 < WIDTHS.length; k++) {
            layers.add(new LayerSpec(WIDTHS[k], WIDTHS[k + 1], ActivationType.TANH));
        }
        NetworkSpec spec = new NetworkSpec(layers, LossType.MSE, WeightInit.XAVIER, new UpdaterSpec(UpdaterType.SGD, 0.1));
        MultiLayerConfiguration conf = Dl4jNetworks.configuration(spec, type, SEED, null);
        List<Call> calls = new ArrayList<>();
        for (int k = 0; k < layers.size(); k++) {
            conf.getConf(k).getLayer().setIDropout(new Recorder(k, dl4jDropout(kind), calls));
        }
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        SplitMix64 data = new SplitMix64(7);
        for (int step = 0; step < 3; step++) {
            INDArray x = matrix(data, BATCH, WIDTHS[0], type);
            INDArray y = matrix(data, BATCH, WIDTHS[WIDTHS.length - 1], type);
            if (step == 1) {
                net.setInput(x);
                net.setLabels(y);
                net.computeGradientAndScore();
            }
            net.fit(new DataSet(x, y));
        }
        assertEquals(4 * layers.size(), calls.size(), "one draw per layer per training forward pass");

        Nd4jRandom rng = Nd4jRandom.seeded(SEED);
        Dl4jInit.best().draw(rng, Dl4jInit.layersOf(spec), type);
        Dl4jDropout dropout = new Dl4jDropout(Nd4jDistributions.best());
        for (int c = 0; c < calls.size(); c++) {
            Call call = calls.get(c);
            assertEquals(c % layers.size(), call.layer(), "layer order");
            assertEquals('c', call.order(), "input layout of layer " + call.layer());
            assertEquals(call.nodeBefore(), rng.nodeState(), "generator state before call " + c);
            double[] expected = expectedOutput(kind, call, dropout, rng, type);
            for (int i = 0; i < expected.length; i++) {
                assertEquals(Double.doubleToRawLongBits(call.output()[i]), Double.doubleToRawLongBits(expected[i]),
                        kind + " " + type + " call " + c + " element " + i);
            }
        }
    }

    private static IDropout dl4jDropout(Kind kind) {
        return switch (kind) {
            case DROPOUT -> new Dropout(0.6);
            case GAUSSIAN_DROPOUT -> new GaussianDropout(0.3);
            case GAUSSIAN_NOISE -> new GaussianNoise(0.2);
            case ALPHA_DROPOUT -> new AlphaDropout(0.7);
        };
    }

    /** The layer's output from its input and the Java draw, with DL4J's arithmetic in the data type. */
    private static double[] expectedOutput(Kind kind, Call call, Dl4jDropout dropout, Nd4jRandom rng, DType type)
            throws ReflectiveOperationException {
        boolean f = call.order() == 'f';
        int rows = call.rows();
        int cols = call.cols();
        double[] x = call.input();
        double[] out = new double[x.length];
        switch (kind) {
            case DROPOUT -> {
                double[] m = dropout.invertedMask(rng, rows, cols, 0.6, f, type);
                for (int i = 0; i < x.length; i++) {
                    out[i] = Nd4jMath.round(type, x[i] * m[i]);
                }
            }
            case GAUSSIAN_DROPOUT -> {
                double[] noise = dropout.gaussianDropoutNoise(rng, rows, cols, 0.3, f, type);
                for (int i = 0; i < x.length; i++) {
                    out[i] = Nd4jMath.round(type, x[i] * noise[i]);
                }
            }
            case GAUSSIAN_NOISE -> {
                double[] noise = dropout.gaussianNoise(rng, rows, cols, 0.2, f, type);
                for (int i = 0; i < x.length; i++) {
                    out[i] = Nd4jMath.round(type, x[i] + noise[i]);
                }
            }
            case ALPHA_DROPOUT -> {
                double[] d = dropout.alphaDropoutMask(rng, rows, cols, 0.7, f, type);
                double a = Nd4jMath.round(type, field(call.inner(), "a"));
                double b = Nd4jMath.round(type, field(call.inner(), "b"));
                double alphaPrime = Nd4jMath.round(type, field(call.inner(), "alphaPrime"));
                for (int i = 0; i < x.length; i++) {
                    double dropped = Nd4jMath.round(type, Nd4jMath.round(type, 1.0 - d[i]) * alphaPrime);
                    double v = Nd4jMath.round(type, Nd4jMath.round(type, x[i] * d[i]) + dropped);
                    out[i] = Nd4jMath.round(type, Nd4jMath.round(type, v * a) + b);
                }
            }
        }
        return out;
    }

    private static double field(Object o, String name) throws ReflectiveOperationException {
        Field f = o.getClass().getDeclaredField(name);
        f.setAccessible(true);
        return f.getDouble(o);
    }

    /** A [rows, cols] batch built as Dl4jTrainer builds one: row-major values, 'c' order, cast to the type. */
    private static INDArray matrix(SplitMix64 rng, int rows, int cols, DType type) {
        double[] v = new double[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.nextGaussian();
        }
        return Nd4j.create(v, new long[] {rows, cols}, 'c').castTo(Dl4jNetworks.dataType(type));
    }
}
