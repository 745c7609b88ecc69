package lockstep.coverage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import lockstep.linalg.DType;
import lockstep.spec.ActivationType;
import lockstep.spec.DropoutSpec;
import lockstep.spec.GradientNormalization;
import lockstep.spec.GradientNormalizationSpec;
import lockstep.spec.InputShape;
import lockstep.spec.LayerSpec;
import lockstep.spec.LossType;
import lockstep.spec.NetworkSpec;
import lockstep.spec.RegularizationSpec;
import lockstep.spec.RunSpec;
import lockstep.spec.ScheduleSpec;
import lockstep.spec.UpdaterSpec;
import lockstep.spec.UpdaterType;
import lockstep.spec.WeightInit;
import lockstep.spec.WindowSpec;

/**
 * The feature matrix: every activation, loss, weight initialisation, updater, regulariser, gradient
 * normalisation mode and dropout kind, each as a short lockstep run on Iris (a 4-8-3 network changed in that
 * one respect), so that `lockstep coverage` reports what actually agrees with DL4J, not what a table claims.
 */
public final class CoverageMatrix {
    private CoverageMatrix() {
    }

    public static List<Feature> features(int epochs) {
        List<Feature> out = new ArrayList<>();
        for (ActivationType a : ActivationType.values()) {
            if (a != ActivationType.SOFTMAX) {
                out.add(feature("activation", a.name(), epochs, n -> n.withLayers(List.of(
                        new LayerSpec(4, 8, a), new LayerSpec(8, 3, ActivationType.SOFTMAX))), a == ActivationType.CUBE ? 1e-4 : 0.05));
            }
        }
        out.add(feature("activation", "SOFTMAX (output)", epochs, n -> n, 0.05));
        for (LossType l : LossType.values()) {
            ActivationType outAct = Arrays.stream(ActivationType.values()).filter(x -> l.outputs().allows(x))
                    .filter(x -> x != ActivationType.CUBE).findFirst().orElseThrow();
            out.add(feature("loss", l.name() + " + " + outAct, epochs, n -> new NetworkSpec(List.of(
                    new LayerSpec(4, 8, ActivationType.TANH), new LayerSpec(8, 3, outAct)), l, n.weightInit(), n.updater()), 0.05));
        }
        for (WeightInit w : WeightInit.values()) {
            if (w != WeightInit.IDENTITY) {
                out.add(feature("weight init", w.name(), epochs, n -> new NetworkSpec(n.layers(), n.loss(), w, n.updater()), 0.05));
            }
        }
        out.add(feature("weight init", "IDENTITY (8x8 layer)", epochs, n -> n.withLayers(List.of(
                new LayerSpec(4, 8, ActivationType.TANH), new LayerSpec(8, 8, ActivationType.TANH, WeightInit.IDENTITY),
                new LayerSpec(8, 3, ActivationType.SOFTMAX))), 0.05));
        for (UpdaterType u : UpdaterType.values()) {
            double lr = switch (u) {
                case SGD, NESTEROVS, RMSPROP, ADAGRAD -> 0.05;
                default -> 1e-3;
            };
            out.add(feature("updater", u.name(), epochs, n -> n.withUpdater(new UpdaterSpec(u, lr)), lr));
        }
        for (ScheduleSpec.Kind k : ScheduleSpec.Kind.values()) {
            ScheduleSpec schedule = switch (k) {
                case STEP -> new ScheduleSpec(k, ScheduleSpec.Unit.ITERATION, 0.5, 4, 0, 0, 0, 0, null);
                case EXPONENTIAL -> new ScheduleSpec(k, ScheduleSpec.Unit.ITERATION, 0, 0, 0.9, 0, 0, 0, null);
                case INVERSE -> new ScheduleSpec(k, ScheduleSpec.Unit.ITERATION, 0, 0, 0.3, 1.5, 0, 0, null);
                case POLY -> new ScheduleSpec(k, ScheduleSpec.Unit.ITERATION, 0, 0, 0, 2.0, 25, 0, null);
                case SIGMOID -> new ScheduleSpec(k, ScheduleSpec.Unit.ITERATION, 0, 0, 0.5, 0, 0, 8, null);
                case MAP -> new ScheduleSpec(k, ScheduleSpec.Unit.ITERATION, 0, 0, 0, 0, 0, 0,
                        new java.util.TreeMap<>(java.util.Map.of(0, 0.1, 5, 0.02)));
            };
            out.add(feature("learning-rate schedule", k.name() + " (per iteration)", epochs,
                    n -> n.withUpdater(new UpdaterSpec(UpdaterType.SGD, 0.1).withSchedule(schedule)), 0.1));
        }
        for (String r : RegularizationSpec.FIELDS) {
            out.add(feature("regularisation", r + " (network)", epochs,
                    n -> n.withRegularization(RegularizationSpec.NONE.with(r, 1e-2)), 0.05));
        }
        out.add(feature("regularisation", "weightDecay (layer 0)", epochs, n -> n.withLayers(List.of(
                n.layers().get(0).withRegularization(RegularizationSpec.NONE.with("weightDecay", 1e-2)), n.layers().get(1))), 0.05));
        for (GradientNormalization g : GradientNormalization.values()) {
            if (g != GradientNormalization.None) {
                out.add(feature("gradient normalisation", g.name(), epochs,
                        n -> n.withGradientNormalization(new GradientNormalizationSpec(g, 0.05)), 0.05));
            }
        }
        for (DropoutSpec.Kind k : DropoutSpec.Kind.values()) {
            DropoutSpec d = DropoutSpec.of(k, switch (k) {
                case DROPOUT -> 0.8;
                case GAUSSIAN_DROPOUT -> 0.2;
                case GAUSSIAN_NOISE -> 0.1;
                case ALPHA_DROPOUT -> 0.9;
            });
            out.add(feature("dropout", k.name() + " " + k.parameter() + "=" + d.value() + ", all layers", epochs,
                    n -> n.withLayers(List.of(n.layers().get(0).withDropout(d), n.layers().get(1).withDropout(d))), 0.05));
        }
        out.add(feature("path", "packed GEMM (4-300-3, k = 300 > 256)", epochs, CoverageMatrix::wideHidden, 0.05));
        out.add(feature("path", "softmax, logits past e^88.7", epochs,
                n -> largeOutputWeights(n, ActivationType.SOFTMAX, LossType.MCXENT, 60), 0.05));
        out.add(feature("path", "softmax, logits past e^709", epochs,
                n -> largeOutputWeights(n, ActivationType.SOFTMAX, LossType.MCXENT, 400), 0.05));
        out.add(feature("path", "XENT, saturated sigmoid outputs", epochs,
                n -> largeOutputWeights(n, ActivationType.SIGMOID, LossType.XENT, 60), 0.05));
        WindowSpec truncate12 = new WindowSpec(1, 2, 1, 1, 0, 0, WindowSpec.Mode.TRUNCATE, null);
        WindowSpec same22 = new WindowSpec(2, 2, 1, 1, 0, 0, WindowSpec.Mode.SAME, null);
        WindowSpec pointwise = new WindowSpec(1, 1, 1, 1, 0, 0, WindowSpec.Mode.TRUNCATE, null);
        out.add(feature("layer", "convolution 1x2 Truncate (Iris as 2x2 images)", epochs, n -> images(n,
                LayerSpec.convolution(1, 3, ActivationType.TANH, truncate12), new LayerSpec(6, 3, ActivationType.SOFTMAX)), 0.05));
        out.add(feature("layer", "convolution 2x2 Same", epochs, n -> images(n,
                LayerSpec.convolution(1, 3, ActivationType.TANH, same22), new LayerSpec(12, 3, ActivationType.SOFTMAX)), 0.05));
        for (WindowSpec.Pooling pooling : WindowSpec.Pooling.values()) {
            out.add(feature("layer", pooling.name() + " pooling 2x1", epochs, n -> images(n,
                    LayerSpec.convolution(1, 3, ActivationType.RELU, pointwise),
                    LayerSpec.subsampling(3, new WindowSpec(2, 1, 1, 1, 0, 0, WindowSpec.Mode.TRUNCATE, pooling)),
                    new LayerSpec(6, 3, ActivationType.SOFTMAX)), 0.05));
        }
        out.add(feature("layer", "batch normalisation after a convolution", epochs, n -> images(n,
                LayerSpec.convolution(1, 3, ActivationType.TANH, same22), LayerSpec.batchNormalization(3),
                new LayerSpec(12, 3, ActivationType.SOFTMAX)), 0.05));
        out.add(feature("layer", "batch normalisation after a dense layer", epochs, n -> n.withLayers(List.of(
                new LayerSpec(4, 8, ActivationType.TANH), LayerSpec.batchNormalization(8),
                new LayerSpec(8, 3, ActivationType.SOFTMAX))), 0.05));
        out.add(feature("depth", "6 layers", epochs, n -> n.withLayers(List.of(
                new LayerSpec(4, 8, ActivationType.TANH), new LayerSpec(8, 8, ActivationType.RELU),
                new LayerSpec(8, 8, ActivationType.SIGMOID), new LayerSpec(8, 6, ActivationType.ELU),
                new LayerSpec(6, 5, ActivationType.SOFTSIGN), new LayerSpec(5, 3, ActivationType.SOFTMAX))), 0.05));
        return out;
    }

    /**
     * 4-300(tanh)-3 with {@code net}'s output layer, loss and updater: the output layer's product has k = 300, deeper
     * than one 256-deep block of the packed GEMM, and the first layer's weight gradient (4x300 from 16 examples) is
     * above the small-product threshold too.
     */
    public static NetworkSpec wideHidden(NetworkSpec net) {
        return net.withLayers(List.of(new LayerSpec(4, 300, ActivationType.TANH),
                new LayerSpec(300, net.outputSize(), net.layers().get(net.layers().size() - 1).activation())));
    }

    /** {@code net} with a tanh hidden layer and an {@code output} layer whose weights start from N(0, std): large logits. */
    public static NetworkSpec largeOutputWeights(NetworkSpec net, ActivationType output, LossType loss, double std) {
        return new NetworkSpec(List.of(new LayerSpec(4, 8, ActivationType.TANH),
                new LayerSpec(8, net.outputSize(), output, new lockstep.spec.WeightDistribution.Normal(0, std))),
                loss, net.weightInit(), net.updater());
    }

    /** {@code net} fed Iris's four features as 2x2 images, with {@code layers}. */
    private static NetworkSpec images(NetworkSpec net, LayerSpec... layers) {
        return net.withLayers(List.of(layers)).withInput(new InputShape(2, 2, 1));
    }

    /** A run on Iris: the 4-8(tanh)-3(softmax) MCXENT SGD network with {@code change} applied. */
    private static Feature feature(String group, String name, int epochs, UnaryOperator<NetworkSpec> change, double lr) {
        RunSpec d = RunSpec.irisDefault();
        NetworkSpec base = d.network().withLayers(List.of(new LayerSpec(4, 8, ActivationType.TANH),
                new LayerSpec(8, 3, ActivationType.SOFTMAX))).withUpdater(new UpdaterSpec(UpdaterType.SGD, lr));
        NetworkSpec net = change.apply(base);
        return new Feature(group, name, (DType t) -> d.withNetwork(net).withTraining(d.training().withDataType(t).withEpochs(epochs)));
    }
}
