package lockstep.selftest;

import java.util.EnumSet;
import java.util.List;
import lockstep.comparison.Quantity;
import lockstep.coverage.CoverageMatrix;
import lockstep.data.Shuffler;
import lockstep.engine.EngineComponents;
import lockstep.engine.Parameter;
import lockstep.engine.activations.Activation;
import lockstep.engine.dropout.InputDropout;
import lockstep.engine.init.InitialDraw;
import lockstep.engine.layers.BatchNormLayer;
import lockstep.engine.layers.ConvolutionLayer;
import lockstep.engine.layers.DenseLayer;
import lockstep.engine.losses.Loss;
import lockstep.engine.optim.UpdateRule;
import lockstep.linalg.ConvShape;
import lockstep.linalg.DType;
import lockstep.linalg.MatMul;
import lockstep.rand.MaskSource;
import lockstep.spec.ActivationType;
import lockstep.spec.DropoutSpec;
import lockstep.spec.InputShape;
import lockstep.spec.LayerSpec;
import lockstep.spec.LossType;
import lockstep.spec.NetworkSpec;
import lockstep.spec.ParameterKey;
import lockstep.spec.RunSpec;
import lockstep.spec.ScheduleSpec;
import lockstep.spec.UpdaterSpec;
import lockstep.spec.UpdaterType;
import lockstep.spec.WeightInit;
import lockstep.spec.WindowSpec;

/**
 * The catalogue of planted bugs. Each runs for 2 epochs in DOUBLE and FLOAT (one only in DOUBLE, an error below float's
 * rounding, and one only in FLOAT, a FLOAT-only error), most on the default Iris network; the packed-GEMM and softmax
 * bugs run on {@link CoverageMatrix}'s path scenarios, so that coverage is shown to reach where they live. Gradients are checked output layer first, so a bug in the backward pass is named at the
 * layer where it starts.
 */
public final class PlantedBugs {
    /** Element [2,1] of 1_W (16x3), row-major. */
    static final int PERTURBED_ELEMENT = 2 * 3 + 1;

    private PlantedBugs() {
    }

    public static List<PlantedBug> all() {
        RunSpec iris = RunSpec.irisDefault().withTraining(RunSpec.irisDefault().training().withEpochs(2));
        return List.of(
                new PlantedBug("1/B missing from the gradient", iris, new EngineComponents() {
                    @Override
                    public Loss loss(LossType type) {
                        return new Faults.MissingBatchMean(super.loss(type));
                    }
                }, 1, Quantity.GRADIENT, ParameterKey.weights(1).name(), -1),
                new PlantedBug("bias gradient not summed over the batch", iris, new EngineComponents() {
                    @Override
                    public DenseLayer denseLayer(Parameter weights, Parameter bias, Activation activation) {
                        return new Faults.FirstRowBiasGradient(weights, bias, activation, matMul());
                    }
                }, 1, Quantity.GRADIENT, ParameterKey.bias(1).name(), -1),
                new PlantedBug("W used untransposed in the backward pass", iris, new EngineComponents() {
                    @Override
                    public DenseLayer denseLayer(Parameter weights, Parameter bias, Activation activation) {
                        return new Faults.UntransposedBackward(weights, bias, activation, matMul());
                    }
                }, 1, Quantity.GRADIENT, ParameterKey.weights(0).name(), -1),
                new PlantedBug("relu'(0) = 1 instead of 0", reluAtZero(), new EngineComponents() {
                    @Override
                    public Activation activation(ActivationType type) {
                        return type == ActivationType.RELU ? new Faults.ReluDerivativeOneAtZero() : super.activation(type);
                    }
                }, 1, Quantity.GRADIENT, ParameterKey.weights(0).name(), -1),
                new PlantedBug("learning rate applied twice", iris, new EngineComponents() {
                    @Override
                    public UpdateRule updateRule(UpdaterSpec spec) {
                        return Faults.learningRateTwice(spec.learningRate());
                    }
                }, 1, Quantity.UPDATE, ParameterKey.weights(1).name(), -1),
                new PlantedBug("one gradient element off by 1e-6 relative", iris, new EngineComponents() {
                    @Override
                    public DenseLayer denseLayer(Parameter weights, Parameter bias, Activation activation) {
                        return weights.key().layer() == 1
                                ? new Faults.PerturbedWeightGradient(weights, bias, activation, matMul(), PERTURBED_ELEMENT)
                                : super.denseLayer(weights, bias, activation);
                    }
                }, 1, Quantity.GRADIENT, ParameterKey.weights(1).name(), PERTURBED_ELEMENT, EnumSet.of(DType.DOUBLE)),   // under float's rounding
                new PlantedBug("shuffling different on the two sides", iris, new EngineComponents() {
                    @Override
                    public Shuffler shuffler(long seed) {
                        return new Faults.OtherSeedShuffler(seed);
                    }
                }, 1, Quantity.BATCH, null, -1),
                new PlantedBug("tanh' off by a relative 1e-4, in FLOAT only", iris, new EngineComponents() {
                    @Override
                    public Activation activation(ActivationType type) {
                        return type == ActivationType.TANH ? Faults.scaledDerivative(super.activation(type), 1 + 1e-4, DType.FLOAT)
                                : super.activation(type);
                    }
                }, 1, Quantity.GRADIENT, ParameterKey.weights(0).name(), -1, EnumSet.of(DType.FLOAT)),
                new PlantedBug("RmsProp's state starting at 0, not epsilon", withUpdater(iris, RMSPROP), new EngineComponents() {
                    @Override
                    public UpdateRule updateRule(UpdaterSpec spec) {
                        return Faults.zeroInitialState(super.updateRule(spec));
                    }
                }, 0, Quantity.UPDATER_STATE, "1_W/G", -1),
                new PlantedBug("packed GEMM dropping partial sums beyond k = 256", wideHidden(iris), new EngineComponents() {
                    @Override
                    public MatMul matMul() {
                        return Faults.droppedPartialSums(super.matMul(), 256, 8192);
                    }
                }, 1, Quantity.LOSS, null, -1),
                new PlantedBug("learning-rate schedule one iteration early", withUpdater(iris, EXPONENTIAL_SGD), new EngineComponents() {
                    @Override
                    public UpdateRule updateRule(UpdaterSpec spec) {
                        return Faults.scheduleOneIterationEarly(spec, super::updateRule);
                    }
                }, 1, Quantity.UPDATE, ParameterKey.weights(1).name(), -1),
                new PlantedBug("softmax without the max shift", largeLogits(iris), new EngineComponents() {
                    @Override
                    public Activation activation(ActivationType type) {
                        return type == ActivationType.SOFTMAX ? Faults.unshiftedSoftmax(super.activation(type)) : super.activation(type);
                    }
                }, 1, Quantity.LOSS, null, -1),
                new PlantedBug("Xavier-uniform bound sqrt(3) instead of sqrt(6)", iris, new EngineComponents() {
                    @Override
                    public InitialDraw initialDraw(NetworkSpec spec, DType dtype, long seed) {
                        return Faults.xavierUniformWithSqrt3(super.initialDraw(spec, dtype, seed), spec);
                    }
                }, 0, Quantity.PARAMETER, ParameterKey.weights(1).name(), -1),
                new PlantedBug("dropout scaling kept activations by p, not 1/p", withDropout(iris, KEEP), new EngineComponents() {
                    @Override
                    public DenseLayer denseLayer(Parameter weights, Parameter bias, Activation activation) {
                        return new DenseLayer(weights, bias, activation, matMul()) {
                            @Override
                            public void setDropout(InputDropout dropout, MaskSource masks) {
                                super.setDropout(dropout, Faults.scaledByP(masks, KEEP));
                            }
                        };
                    }
                }, 1, Quantity.DROPOUT_MASK, ParameterKey.dropoutName(0), -1),
                new PlantedBug("shuffle off by one position", iris, new EngineComponents() {
                    @Override
                    public Shuffler shuffler(long seed) {
                        return Faults.offByOne(super.shuffler(seed));
                    }
                }, 1, Quantity.BATCH, null, 0),
                new PlantedBug("convolution kernel applied flipped (a textbook convolution)", irisImages(), new EngineComponents() {
                    @Override
                    public ConvolutionLayer convolutionLayer(Parameter w, Parameter b, ConvShape shape, Activation activation) {
                        return new Faults.FlippedKernel(w, b, shape, activation, matMul());
                    }
                }, 1, Quantity.LOSS, null, -1),
                new PlantedBug("Same padding put before instead of after", irisImages(), new EngineComponents() {
                    @Override
                    public ConvolutionLayer convolutionLayer(Parameter w, Parameter b, ConvShape shape, Activation activation) {
                        return super.convolutionLayer(w, b, Faults.paddingOnTheOtherSide(shape), activation);
                    }
                }, 1, Quantity.LOSS, null, -1),
                new PlantedBug("batch-norm variance divided by N - 1", irisImages(), new EngineComponents() {
                    @Override
                    public BatchNormLayer batchNormLayer(Parameter gamma, Parameter beta, Parameter mean, Parameter log10Std,
                                                         int spatial) {
                        return new Faults.UnbiasedBatchVariance(gamma, beta, mean, log10Std, spatial);
                    }
                }, 1, Quantity.LOSS, null, -1),
                new PlantedBug("one kernel-gradient element off by 1e-6 relative", irisImages(), new EngineComponents() {
                    @Override
                    public ConvolutionLayer convolutionLayer(Parameter w, Parameter b, ConvShape shape, Activation activation) {
                        return new Faults.PerturbedKernelGradient(w, b, shape, activation, matMul(), KERNEL_ELEMENT);
                    }
                }, 1, Quantity.GRADIENT, ParameterKey.weights(0).name(), KERNEL_ELEMENT, EnumSet.of(DType.DOUBLE)),
                new PlantedBug("autograd Conv2d: Same padding before, not after", irisImages(), new EngineComponents() {
                    @Override
                    public lockstep.engine.autograd.Conv2d conv2d(Parameter w, Parameter b, ConvShape shape) {
                        return super.conv2d(w, b, Faults.paddingOnTheOtherSide(shape));
                    }
                }, 1, Quantity.LOSS, null, -1),
                new PlantedBug("autograd BatchNorm: running decay 0.99, not 0.9", irisImages(), new EngineComponents() {
                    @Override
                    public lockstep.engine.autograd.BatchNorm batchNorm(Parameter gamma, Parameter beta, Parameter mean,
                                                                        Parameter log10Std, int spatial) {
                        return new lockstep.engine.autograd.BatchNorm(gamma, beta, mean, log10Std, spatial, 0.99,
                                BatchNormLayer.DL4J_EPS);
                    }
                }, 1, Quantity.GRADIENT, new ParameterKey(1, ParameterKey.Kind.MEAN).name(), -1));
    }

    /** Element [2,0,1,0] of 0_W [3,1,2,2]. */
    static final int KERNEL_ELEMENT = ((2 * 1 + 0) * 2 + 1) * 2 + 0;

    /**
     * Iris as 2x2 images (sepal length, sepal width / petal length, petal width), 2 epochs: a convolution 2x2 Same
     * (padding after) to 3 channels, tanh (relu would leave channels with negative weights dead on Iris's positive
     * features), batch normalisation, max pooling 2x2 to 3x1x1, softmax 3. Tiny, so every
     * planted convolution, pooling and batch-norm bug runs in seconds on the embedded data.
     */
    static RunSpec irisImages() {
        RunSpec iris = RunSpec.irisDefault();
        NetworkSpec net = new NetworkSpec(List.of(
                LayerSpec.convolution(1, 3, ActivationType.TANH, new WindowSpec(2, 2, 1, 1, 0, 0, WindowSpec.Mode.SAME, null)),
                LayerSpec.batchNormalization(3),
                LayerSpec.subsampling(3, new WindowSpec(2, 2, 1, 1, 0, 0, WindowSpec.Mode.TRUNCATE, WindowSpec.Pooling.MAX)),
                new LayerSpec(3, 3, ActivationType.SOFTMAX)),
                LossType.MCXENT, WeightInit.XAVIER, new UpdaterSpec(UpdaterType.SGD, 0.1)).withInput(new InputShape(2, 2, 1));
        return iris.withNetwork(net).withTraining(iris.training().withEpochs(2));
    }

    private static final UpdaterSpec RMSPROP = new UpdaterSpec(UpdaterType.RMSPROP, 0.01);
    /** SGD at 0.1 decaying by 0.999 every iteration: one iteration early is a relative 1e-3 in the update. */
    private static final UpdaterSpec EXPONENTIAL_SGD = new UpdaterSpec(UpdaterType.SGD, 0.1)
            .withSchedule(new ScheduleSpec(ScheduleSpec.Kind.EXPONENTIAL, ScheduleSpec.Unit.ITERATION, 0, 0, 0.999, 0, 0, 0, null));

    /** The keep probability of {@link #withDropout}'s dropout. */
    private static final double KEEP = 0.8;

    /** The run with dropout (keep probability p) on the first layer's input. */
    private static RunSpec withDropout(RunSpec run, double keep) {
        List<LayerSpec> layers = new java.util.ArrayList<>(run.network().layers());
        layers.set(0, layers.get(0).withDropout(new DropoutSpec.Dropout(keep)));
        return run.withNetwork(run.network().withLayers(layers));
    }

    private static RunSpec withUpdater(RunSpec run, UpdaterSpec updater) {
        return run.withNetwork(run.network().withUpdater(updater));
    }

    /** 4-300(tanh)-3(softmax): the output layer's product has k = 300, deeper than one 256-deep block of the packed GEMM. */
    static RunSpec wideHidden(RunSpec run) {
        return run.withNetwork(CoverageMatrix.wideHidden(run.network()));
    }

    /** Output weights from N(0, 400): logits of some hundreds, past e^709, where even double's exp overflows. */
    static RunSpec largeLogits(RunSpec run) {
        return run.withNetwork(CoverageMatrix.largeOutputWeights(run.network(), ActivationType.SOFTMAX, LossType.MCXENT, 400));
    }

    /**
     * 4-8(relu)-3(softmax) with the hidden layer's weights all zero, so every hidden pre-activation is
     * exactly 0 at step 1 and relu'(0) decides whether layer 0 learns anything.
     */
    static RunSpec reluAtZero() {
        RunSpec iris = RunSpec.irisDefault();
        NetworkSpec net = new NetworkSpec(
                List.of(new LayerSpec(4, 8, ActivationType.RELU, WeightInit.ZERO), new LayerSpec(8, 3, ActivationType.SOFTMAX)),
                LossType.MCXENT, WeightInit.XAVIER_UNIFORM, new UpdaterSpec(iris.network().updater().type(), 0.1));
        return iris.withNetwork(net).withTraining(iris.training().withEpochs(2));
    }
}
