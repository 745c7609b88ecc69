package lockstep.engine;

import java.util.ArrayList;
import java.util.List;
import lockstep.data.SeededShuffler;
import lockstep.data.Shuffler;
import lockstep.engine.activations.*;
import lockstep.engine.dropout.InputDropout;
import lockstep.engine.init.InitialDraw;
import lockstep.engine.layers.BatchNormLayer;
import lockstep.engine.layers.ConvolutionLayer;
import lockstep.engine.layers.DenseLayer;
import lockstep.engine.layers.SubsamplingLayer;
import lockstep.engine.losses.*;
import lockstep.engine.optim.LayerwiseOptimizer;
import lockstep.engine.optim.Optimizer;
import lockstep.engine.optim.RegularizationMerge;
import lockstep.engine.optim.Rules;
import lockstep.engine.optim.UpdateRule;
import lockstep.linalg.ConvShape;
import lockstep.linalg.DType;
import lockstep.linalg.FastMatMul;
import lockstep.linalg.MatMul;
import lockstep.spec.ActivationType;
import lockstep.spec.DropoutSpec;
import lockstep.spec.LayerType;
import lockstep.spec.LossType;
import lockstep.spec.NetworkSpec;
import lockstep.spec.RegularizationSpec;
import lockstep.spec.UpdaterSpec;

/**
 * The factory the engine is assembled from. Each method can be overridden, which is how a test
 * (or the selftest) substitutes one faulty component without touching the engine's code path.
 */
public class EngineComponents {

    public Activation activation(ActivationType type) {
        return switch (type) {
            case IDENTITY -> new Identity();
            case SIGMOID -> new Sigmoid();
            case TANH -> new Tanh();
            case RELU -> new Relu();
            case RELU6 -> new Relu6();
            case LEAKYRELU -> new LeakyRelu();
            case ELU -> new Elu();
            case SELU -> new Selu();
            case GELU -> new Gelu();
            case SOFTPLUS -> new Softplus();
            case SOFTSIGN -> new Softsign();
            case SWISH -> new Swish();
            case MISH -> new Mish();
            case HARDSIGMOID -> new HardSigmoid();
            case HARDTANH -> new HardTanh();
            case CUBE -> new Cube();
            case RATIONALTANH -> new RationalTanh();
            case RECTIFIEDTANH -> new RectifiedTanh();
            case SOFTMAX -> new Softmax();
        };
    }

    public Loss loss(LossType type) {
        return switch (type) {
            case MCXENT -> new McXent();
            case NEGATIVELOGLIKELIHOOD -> new NegativeLogLikelihood();
            case MSE -> new Mse();
            case L1 -> new L1();
            case L2 -> new L2();
            case MEAN_ABSOLUTE_ERROR -> new MeanAbsoluteError();
            case XENT -> new Xent();
            case HINGE -> new Hinge();
            case SQUARED_HINGE -> new SquaredHinge();
            case KL_DIVERGENCE -> new KlDivergence();
            case POISSON -> new Poisson();
            case COSINE_PROXIMITY -> new CosineProximity();
            case MEAN_SQUARED_LOGARITHMIC_ERROR -> new MeanSquaredLogarithmicError();
            case MEAN_ABSOLUTE_PERCENTAGE_ERROR -> new MeanAbsolutePercentageError();
        };
    }

    /** Layer {@code weights.key().layer()} over its parameters (views in the network's block). */
    public DenseLayer denseLayer(Parameter weights, Parameter bias, Activation activation) {
        return new DenseLayer(weights, bias, activation, matMul());
    }

    /** A convolution over its parameters (views in the network's block) for windows of {@code shape}. */
    public ConvolutionLayer convolutionLayer(Parameter weights, Parameter bias, ConvShape shape, Activation activation) {
        return new ConvolutionLayer(weights, bias, shape, activation, matMul());
    }

    /** Pooling layer {@code index} over windows of {@code shape} (padding out of AVG's divisor, DL4J's default). */
    public SubsamplingLayer subsamplingLayer(int index, ConvShape shape, SubsamplingLayer.Pooling pooling, DType dtype) {
        return new SubsamplingLayer(index, shape, pooling, false, dtype);
    }

    /** Batch normalisation over its four parameters, rows of channels x {@code spatial} values, DL4J's decay and eps. */
    public BatchNormLayer batchNormLayer(Parameter gamma, Parameter beta, Parameter mean, Parameter log10Std, int spatial) {
        return new BatchNormLayer(gamma, beta, mean, log10Std, spatial, BatchNormLayer.DL4J_DECAY, BatchNormLayer.DL4J_EPS);
    }

    /** The autograd engine's convolution over its parameters (views in the network's block) for windows of {@code shape}. */
    public lockstep.engine.autograd.Conv2d conv2d(Parameter weights, Parameter bias, ConvShape shape) {
        return new lockstep.engine.autograd.Conv2d(weights, bias, shape, matMul());
    }

    /** The autograd engine's pooling over windows of {@code shape} (AVG: padding out of the divisor, DL4J's default). */
    public lockstep.engine.autograd.Pool2d pool2d(ConvShape shape, SubsamplingLayer.Pooling pooling) {
        return pooling == SubsamplingLayer.Pooling.MAX ? new lockstep.engine.autograd.MaxPool2d(shape)
                : new lockstep.engine.autograd.AvgPool2d(shape, false);
    }

    /** The autograd engine's batch normalisation over its four parameters, DL4J's decay and eps. */
    public lockstep.engine.autograd.BatchNorm batchNorm(Parameter gamma, Parameter beta, Parameter mean, Parameter log10Std,
                                                        int spatial) {
        return new lockstep.engine.autograd.BatchNorm(gamma, beta, mean, log10Std, spatial, BatchNormLayer.DL4J_DECAY,
                BatchNormLayer.DL4J_EPS);
    }

    /** What a layer's dropout does to its input, forward and backward, given the array it drew. */
    public InputDropout inputDropout(DropoutSpec spec) {
        return InputDropout.of(spec);
    }

    /** The update rule of an updater spec (overridable, like every component). */
    public UpdateRule updateRule(UpdaterSpec spec) {
        return Rules.of(spec);
    }

    /** The optimizer of a network: per layer its update rule, regularisers (merged as DL4J merges them) and gradient normalisation. */
    public Optimizer optimizer(NetworkSpec spec) {
        List<LayerwiseOptimizer.LayerPlan> plans = new ArrayList<>();
        for (int i = 0; i < spec.layers().size(); i++) {
            RegularizationSpec own = spec.layers().get(i).regularization();
            boolean batchNorm = spec.layers().get(i).type() == LayerType.BATCH_NORMALIZATION;   // DL4J: no L1/L2 there
            plans.add(new LayerwiseOptimizer.LayerPlan(spec.updaterOf(i), this::updateRule,
                    batchNorm ? List.of() : RegularizationMerge.forWeights(spec.regularization(), own),
                    batchNorm ? List.of() : RegularizationMerge.forBiases(spec.regularization(), own),
                    spec.gradientNormalizationOf(i)));
        }
        return new LayerwiseOptimizer(plans);
    }

    /** The matrix kernel: packed, register-blocked, Vector API when present (NaiveMatMul is the test oracle). */
    public MatMul matMul() {
        return new FastMatMul();
    }

    /** These components with every matrix product on {@code threads} threads (the caller included). */
    public static EngineComponents withThreads(int threads) {
        FastMatMul product = new FastMatMul(threads);   // checks threads >= 1
        return new EngineComponents() {
            @Override
            public MatMul matMul() {
                return product;
            }
        };
    }

    /** The initial parameters and training dropout masks the engine draws from the seed (DL4J's draws, reproduced). */
    public InitialDraw initialDraw(NetworkSpec spec, DType dtype, long seed) {
        return InitialDraw.of(spec, dtype, seed);
    }

    /** The per-epoch example order the engine's training loop uses. */
    public Shuffler shuffler(long seed) {
        return new SeededShuffler(seed);
    }
}
