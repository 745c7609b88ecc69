package lockstep.selftest;

import java.util.List;
import lockstep.data.Shuffler;
import lockstep.engine.EngineComponents;
import lockstep.engine.activations.Activation;
import lockstep.engine.layers.DenseLayer;
import lockstep.engine.losses.Loss;
import lockstep.engine.optim.UpdateRule;
import lockstep.harness.Quantity;
import lockstep.linalg.DType;
import lockstep.spec.ActivationType;
import lockstep.spec.LayerSpec;
import lockstep.spec.LossType;
import lockstep.spec.NetworkSpec;
import lockstep.spec.RunSpec;
import lockstep.spec.UpdaterSpec;
import lockstep.spec.WeightInit;

/**
 * The catalogue of planted bugs. Each runs in DOUBLE for 2 epochs; all but one use the default Iris
 * network. Gradients are checked output layer first, so a bug in the backward pass is named at the
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
                }, 1, Quantity.GRADIENT, "1_W", -1),
                new PlantedBug("bias gradient not summed over the batch", iris, new EngineComponents() {
                    @Override
                    public DenseLayer denseLayer(int index, int nIn, int nOut, Activation activation, DType dtype) {
                        return new Faults.FirstRowBiasGradient(index, nIn, nOut, activation, dtype, matMul());
                    }
                }, 1, Quantity.GRADIENT, "1_b", -1),
                new PlantedBug("W used untransposed in the backward pass", iris, new EngineComponents() {
                    @Override
                    public DenseLayer denseLayer(int index, int nIn, int nOut, Activation activation, DType dtype) {
                        return new Faults.UntransposedBackward(index, nIn, nOut, activation, dtype, matMul());
                    }
                }, 1, Quantity.GRADIENT, "0_W", -1),
                new PlantedBug("relu'(0) = 1 instead of 0", reluAtZero(), new EngineComponents() {
                    @Override
                    public Activation activation(ActivationType type) {
                        return type == ActivationType.RELU ? new Faults.ReluDerivativeOneAtZero() : super.activation(type);
                    }
                }, 1, Quantity.GRADIENT, "0_W", -1),
                new PlantedBug("learning rate applied twice", iris, new EngineComponents() {
                    @Override
                    public UpdateRule updateRule(UpdaterSpec spec) {
                        return Faults.learningRateTwice(spec.learningRate());
                    }
                }, 1, Quantity.UPDATE, "1_W", -1),
                new PlantedBug("one gradient element off by 1e-6 relative", iris, new EngineComponents() {
                    @Override
                    public DenseLayer denseLayer(int index, int nIn, int nOut, Activation activation, DType dtype) {
                        return index == 1
                                ? new Faults.PerturbedWeightGradient(index, nIn, nOut, activation, dtype, matMul(), PERTURBED_ELEMENT)
                                : super.denseLayer(index, nIn, nOut, activation, dtype);
                    }
                }, 1, Quantity.GRADIENT, "1_W", PERTURBED_ELEMENT),
                new PlantedBug("shuffling different on the two sides", iris, new EngineComponents() {
                    @Override
                    public Shuffler shuffler(long seed) {
                        return new Faults.OtherSeedShuffler(seed);
                    }
                }, 1, Quantity.BATCH, null, -1));
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
