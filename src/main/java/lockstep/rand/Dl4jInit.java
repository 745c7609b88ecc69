package lockstep.rand;

import java.util.ArrayList;
import java.util.List;
import lockstep.linalg.DType;
import lockstep.spec.LayerSpec;
import lockstep.spec.LayerType;
import lockstep.spec.NetworkSpec;
import lockstep.spec.WeightDistribution;
import lockstep.spec.WeightInit;
import lockstep.spec.WeightInitSpec;
import lockstep.spec.WindowSpec;

/**
 * The initial W and b of a stack of layers (dense and convolutional) exactly as DL4J 1.0.0-M2.1's
 * {@code MultiLayerNetwork.init()} draws them for {@code NeuralNetConfiguration.Builder().seed(seed)}:
 * {@code Nd4j.getRandom().setSeed(seed)} once, then per layer in order {@code DefaultParamInitializer}
 * (a convolution: {@code ConvolutionParamInitializer}, W in c order) fills W's view of the flat parameters (nIn·nOut values, read as W in column-major 'f' order) with the
 * scheme's {@code IWeightInit} (one random op, then for some schemes a scalar multiply or divide in the
 * data type), and assigns the bias init to b without touching the generator. Immutable.
 */
public final class Dl4jInit {
    /**
     * One layer: W from {@code weightInit}, every bias {@code biasInit}. A dense layer's W is [nIn, nOut]; a
     * convolution's [nOut, nIn, kh, kw] over {@code window}; pooling and batch normalisation draw nothing.
     */
    public record Layer(int nIn, int nOut, WeightInitSpec weightInit, double biasInit, LayerType type, WindowSpec window) {
        /** A dense layer. */
        public Layer(int nIn, int nOut, WeightInitSpec weightInit, double biasInit) {
            this(nIn, nOut, weightInit, biasInit, LayerType.DENSE, null);
        }
    }

    /**
     * A layer's initial parameters as the engine stores them: W row-major, [nIn, nOut] for a dense layer and
     * [nOut, nIn·kh·kw] for a convolution (DL4J's [nOut, nIn, kh, kw] in c order), and b [nOut]; both empty for a
     * layer without them.
     */
    public record Parameters(double[] w, double[] b) {
    }

    private final Nd4jDistributions ops;

    public Dl4jInit(Nd4jDistributions ops) {
        this.ops = ops;
    }

    /** With {@link Nd4jDistributions#best()}: bit-exact when the host libm is reachable. */
    public static Dl4jInit best() {
        return new Dl4jInit(Nd4jDistributions.best());
    }

    /** The layers of {@code spec}, each with its own weight init or else the network's, biases 0. */
    public static List<Layer> layersOf(NetworkSpec spec) {
        List<Layer> layers = new ArrayList<>();
        for (LayerSpec l : spec.layers()) {
            layers.add(new Layer(l.nIn(), l.nOut(), l.weightInit() != null ? l.weightInit() : spec.weightInit(), 0.0, l.type(),
                    l.window()));
        }
        return layers;
    }

    /** Every layer's initial parameters, values of {@code type} held as doubles. Seed 0 is refused (DL4J takes the clock). */
    public List<Parameters> draw(long seed, List<Layer> layers, DType type) {
        return draw(Nd4jRandom.seeded(seed), layers, type);
    }

    /**
     * As {@link #draw(long, List, DType)} from a generator already seeded with the configuration's seed,
     * which is left where DL4J's is after {@code init()} (the state training then draws dropout from).
     * Modifies rng.
     */
    public List<Parameters> draw(Nd4jRandom rng, List<Layer> layers, DType type) {
        List<Parameters> out = new ArrayList<>();
        for (Layer l : layers) {
            switch (l.type()) {
                case DENSE -> {
                    double[] columnMajor = weights(rng, l.nIn() * l.nOut(), l.nIn(), l.nOut(), l.nIn(), l.nOut(), l.weightInit(),
                            type);
                    out.add(new Parameters(rowMajor(columnMajor, l.nIn(), l.nOut()), biases(l, type)));
                }
                case CONVOLUTION -> {     // ConvolutionParamInitializer: b set, then W drawn into its view, read in c order
                    WindowSpec w = l.window();
                    int k = w.kernelH() * w.kernelW();
                    double fanIn = (double) l.nIn() * k;
                    double fanOut = (double) l.nOut() * k / ((double) w.strideH() * w.strideW());
                    double[] b = biases(l, type);
                    out.add(new Parameters(weights(rng, Math.multiplyExact(l.nOut(), l.nIn() * k), fanIn, fanOut, l.nOut(),
                            l.nIn(), l.weightInit(), type), b));
                }
                case SUBSAMPLING, BATCH_NORMALIZATION -> out.add(new Parameters(new double[0], new double[0]));
            }
        }
        return out;
    }

    private static double[] biases(Layer l, DType type) {
        double[] b = new double[l.nOut()];
        java.util.Arrays.fill(b, Nd4jMath.round(type, l.biasInit()));
        return b;
    }

    /**
     * The n values of W in DL4J's buffer order (column-major for a dense layer, c order for a convolution), drawn as the
     * scheme's IWeightInit does with the layer's fan-in and fan-out; {@code shape0} and {@code shape1} are W's first two
     * dimensions (XAVIER_LEGACY divides by the square root of their sum; IDENTITY needs them equal). Modifies rng.
     */
    double[] weights(Nd4jRandom rng, int n, double fanIn, double fanOut, int shape0, int shape1, WeightInitSpec init,
                     DType type) {
        if (init instanceof WeightDistribution d) {
            return distribution(rng, n, d, type);
        }
        return switch ((WeightInit) init) {
            case XAVIER -> scale(ops.gaussian(rng, n, 0, 1, type), Math.sqrt(2.0 / (fanIn + fanOut)), false, type);
            case RELU -> scale(ops.gaussian(rng, n, 0, 1, type), Math.sqrt(2.0 / fanIn), false, type);
            case NORMAL, LECUN_NORMAL, XAVIER_FAN_IN -> scale(ops.gaussian(rng, n, 0, 1, type), Math.sqrt(fanIn), true, type);
            case XAVIER_LEGACY -> scale(ops.gaussian(rng, n, 0, 1, type), Math.sqrt((double) ((long) shape0 + shape1)), true, type);
            case XAVIER_UNIFORM -> symmetric(rng, n, Math.sqrt(6.0) / Math.sqrt(fanIn + fanOut), type);
            case RELU_UNIFORM -> symmetric(rng, n, Math.sqrt(6.0 / fanIn), type);
            case SIGMOID_UNIFORM -> symmetric(rng, n, 4.0 * Math.sqrt(6.0 / (fanIn + fanOut)), type);
            case UNIFORM -> symmetric(rng, n, 1.0 / Math.sqrt(fanIn), type);
            case LECUN_UNIFORM, VAR_SCALING_UNIFORM_FAN_IN -> symmetric(rng, n, 3.0 / Math.sqrt(fanIn), type);
            case VAR_SCALING_UNIFORM_FAN_OUT -> symmetric(rng, n, 3.0 / Math.sqrt(fanOut), type);
            case VAR_SCALING_UNIFORM_FAN_AVG -> symmetric(rng, n, 3.0 / Math.sqrt((fanIn + fanOut) / 2), type);
            case VAR_SCALING_NORMAL_FAN_IN -> ops.truncatedNormal(rng, n, 0, Math.sqrt(1.0 / fanIn), type);
            case VAR_SCALING_NORMAL_FAN_OUT -> ops.truncatedNormal(rng, n, 0, Math.sqrt(1.0 / fanOut), type);
            case VAR_SCALING_NORMAL_FAN_AVG -> ops.truncatedNormal(rng, n, 0, Math.sqrt(2.0 / (fanIn + fanOut)), type);
            case ZERO -> new double[n];
            case ONES -> constant(n, 1.0);
            case IDENTITY -> {
                if (n != shape0 * shape1) {
                    throw new IllegalArgumentException("IDENTITY initialisation of a convolution is not supported");
                }
                yield identity(shape0, shape1);
            }
        };
    }

    /** WeightInitDistribution: the distribution's {@code sample(paramView)}, one op with its parameters. */
    private double[] distribution(Nd4jRandom rng, int n, WeightDistribution d, DType type) {
        if (d instanceof WeightDistribution.Normal g) {
            return ops.gaussian(rng, n, g.mean(), g.std(), type);
        }
        if (d instanceof WeightDistribution.Uniform u) {
            return ops.uniform(rng, n, u.lower(), u.upper(), type);
        }
        WeightDistribution.TruncatedNormal t = (WeightDistribution.TruncatedNormal) d;
        return ops.truncatedNormal(rng, n, t.mean(), t.std(), type);
    }

    /** {@code Nd4j.rand(view, createUniform(-a, a))}. */
    private double[] symmetric(Nd4jRandom rng, int n, double a, DType type) {
        return ops.uniform(rng, n, -a, a, type);
    }

    /** {@code muli(s)} or {@code divi(s)} in place: the scalar is cast to the array's type first. */
    private static double[] scale(double[] z, double s, boolean divide, DType type) {
        double scalar = Nd4jMath.round(type, s);
        for (int i = 0; i < z.length; i++) {
            z[i] = Nd4jMath.round(type, divide ? z[i] / scalar : z[i] * scalar);
        }
        return z;
    }

    private static double[] constant(int n, double value) {
        double[] z = new double[n];
        java.util.Arrays.fill(z, value);
        return z;
    }

    private static double[] identity(int nIn, int nOut) {
        if (nIn != nOut) {
            throw new IllegalArgumentException("IDENTITY needs a square W, got [" + nIn + "," + nOut + "]");
        }
        double[] z = new double[nIn * nOut];
        for (int i = 0; i < nIn; i++) {
            z[i * nIn + i] = 1.0;
        }
        return z;
    }

    /** Column-major [rows, cols] to row-major. */
    static double[] rowMajor(double[] columnMajor, int rows, int cols) {
        double[] out = new double[columnMajor.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                out[i * cols + j] = columnMajor[j * rows + i];
            }
        }
        return out;
    }
}
