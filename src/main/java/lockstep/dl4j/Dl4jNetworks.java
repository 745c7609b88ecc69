package lockstep.dl4j;

import lockstep.rand.MaskSource;
import java.util.List;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import lockstep.spec.LayerType;
import lockstep.spec.WindowSpec;
import java.util.Map;
import java.util.function.DoubleConsumer;
import lockstep.linalg.DType;
import lockstep.spec.ActivationType;
import lockstep.spec.DropoutSpec;
import lockstep.spec.LayerSpec;
import lockstep.spec.LossType;
import lockstep.spec.NetworkSpec;
import lockstep.spec.GradientNormalizationSpec;
import lockstep.spec.RegularizationSpec;
import lockstep.spec.ScheduleSpec;
import lockstep.spec.UpdaterSpec;
import lockstep.spec.WeightDistribution;
import lockstep.spec.WeightInitSpec;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.dropout.AlphaDropout;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.dropout.GaussianDropout;
import org.deeplearning4j.nn.conf.dropout.GaussianNoise;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.distribution.TruncatedNormalDistribution;
import org.deeplearning4j.nn.conf.distribution.UniformDistribution;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.weights.WeightInitDistribution;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.AMSGrad;
import org.nd4j.linalg.learning.config.AdaDelta;
import org.nd4j.linalg.learning.config.AdaGrad;
import org.nd4j.linalg.learning.config.AdaMax;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Nadam;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.InverseSchedule;
import org.nd4j.linalg.schedule.MapSchedule;
import org.nd4j.linalg.schedule.PolySchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.linalg.schedule.SigmoidSchedule;
import org.nd4j.linalg.schedule.StepSchedule;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/** Translates a {@link NetworkSpec} into the equivalent DL4J MultiLayerNetwork: DenseLayers, then an OutputLayer with the loss. */
public final class Dl4jNetworks {
    private Dl4jNetworks() {
    }

    /** The configured and initialised network (DL4J draws its own initial weights; the harness overwrites them). */
    public static MultiLayerNetwork build(NetworkSpec spec, DType dtype, long seed) {
        return build(spec, dtype, seed, null);
    }

    /**
     * As {@link #build(NetworkSpec, DType, long)}, with the dropout masks of layers that use dropout
     * taken from {@code masks} (null: DL4J's own dropout classes with its native RNG).
     */
    public static MultiLayerNetwork build(NetworkSpec spec, DType dtype, long seed, MaskSource masks) {
        return build(spec, dtype, seed, masks, new java.util.HashMap<>());
    }

    /**
     * As {@link #build(NetworkSpec, DType, long, MaskSource)}; without {@code masks}, DL4J's own dropouts put a copy of
     * what each training forward pass drew, and of its output, into {@code drawn} (layer index to row-major [B, nIn]).
     */
    static MultiLayerNetwork build(NetworkSpec spec, DType dtype, long seed, MaskSource masks,
                                   Map<Integer, ObservedDropout.Drawn> drawn) {
        MultiLayerNetwork net = new MultiLayerNetwork(configuration(spec, dtype, seed, masks, drawn));
        net.init();
        return net;
    }

    public static MultiLayerConfiguration configuration(NetworkSpec spec, DType dtype, long seed, MaskSource masks) {
        return configuration(spec, dtype, seed, masks, new java.util.HashMap<>());
    }

    private static MultiLayerConfiguration configuration(NetworkSpec spec, DType dtype, long seed, MaskSource masks,
                                                         Map<Integer, ObservedDropout.Drawn> drawn) {
        NeuralNetConfiguration.Builder global = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(dataType(dtype))
                .updater(updater(spec.updater()))
                .weightInit(weightInit(spec.weightInit()));
        regularization(spec.regularization(), global::l1, global::l2, global::weightDecay, global::l1Bias,
                global::l2Bias, global::weightDecayBias);
        GradientNormalizationSpec norm = spec.gradientNormalization();
        if (norm.type() != lockstep.spec.GradientNormalization.None) {
            global.gradientNormalization(GradientNormalization.valueOf(norm.type().name()))
                    .gradientNormalizationThreshold(norm.threshold());
        }
        // DL4J refuses some loss/activation pairs it considers mistakes (SIGMOID + MCXENT, SOFTMAX + XENT,
        // MCXENT/XENT with an output outside [0,1]); lockstep's SpecValidator decides what runs instead.
        NeuralNetConfiguration.ListBuilder list = global.list().validateOutputLayerConfig(false);
        List<LayerSpec> layers = spec.layers();
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec l = layers.get(i);
            boolean output = i == layers.size() - 1;
            list.layer(i, switch (l.type()) {
                case DENSE -> output
                        ? configure(new OutputLayer.Builder(lossFunction(spec.loss())), l, i, masks, drawn).nIn(l.nIn()).nOut(l.nOut())
                                .build()
                        : configure(new DenseLayer.Builder(), l, i, masks, drawn).nIn(l.nIn()).nOut(l.nOut()).build();
                case CONVOLUTION -> configure(new ConvolutionLayer.Builder(l.window().kernelH(), l.window().kernelW())
                        .stride(l.window().strideH(), l.window().strideW()).padding(l.window().padH(), l.window().padW())
                        .convolutionMode(mode(l.window())), l, i, masks, drawn).nIn(l.nIn()).nOut(l.nOut()).build();
                case SUBSAMPLING -> new SubsamplingLayer.Builder(PoolingType.valueOf(l.window().pooling().name()))
                        .kernelSize(l.window().kernelH(), l.window().kernelW()).stride(l.window().strideH(), l.window().strideW())
                        .padding(l.window().padH(), l.window().padW()).convolutionMode(mode(l.window())).build();
                case BATCH_NORMALIZATION -> configure(new BatchNormalization.Builder(), l, i, masks, drawn)
                        .nIn(l.nIn()).nOut(l.nOut()).build();
            });
        }
        if (spec.input() != null) {
            list.setInputType(InputType.convolutionalFlat(spec.input().height(), spec.input().width(), spec.input().channels()));
        }
        return list.build();
    }

    private static ConvolutionMode mode(WindowSpec w) {
        return w.mode() == WindowSpec.Mode.SAME ? ConvolutionMode.Same : ConvolutionMode.Truncate;
    }

    /** A layer's own settings, as a DL4J user sets them on its builder: activation, init, updater, regularisation, dropout. */
    private static <B extends FeedForwardLayer.Builder<B>> B configure(B builder, LayerSpec l, int i, MaskSource masks,
                                                                        Map<Integer, ObservedDropout.Drawn> drawn) {
        if (l.type() != LayerType.BATCH_NORMALIZATION) {
            builder.activation(activation(l.activation()));
        }
        if (l.weightInit() != null) {
            builder.weightInit(weightInit(l.weightInit()));
        }
        if (l.updater() != null) {
            builder.updater(updater(l.updater()));
        }
        if (l.regularization() != null) {
            regularization(l.regularization(), builder::l1, builder::l2, builder::weightDecay, builder::l1Bias,
                    builder::l2Bias, builder::weightDecayBias);
        }
        if (l.dropout() != null) {
            builder.dropOut(masks != null ? new ExternalMaskDropout(i, l.dropout(), masks)
                    : new ObservedDropout(i, dropout(l.dropout()), drawn));
        }
        if (l.gradientNormalization() != null) {
            builder.gradientNormalization(GradientNormalization.valueOf(l.gradientNormalization().type().name()))
                    .gradientNormalizationThreshold(l.gradientNormalization().threshold());
        }
        return builder;
    }

    /** DL4J's stock class for a dropout spec. */
    static IDropout dropout(DropoutSpec d) {
        return switch (d.kind()) {
            case DROPOUT -> new Dropout(d.value());
            case GAUSSIAN_DROPOUT -> new GaussianDropout(d.value());
            case GAUSSIAN_NOISE -> new GaussianNoise(d.value());
            case ALPHA_DROPOUT -> new AlphaDropout(d.value());
        };
    }

    public static DataType dataType(DType dtype) {
        return dtype == DType.DOUBLE ? DataType.DOUBLE : DataType.FLOAT;
    }

    static Activation activation(ActivationType type) {
        return Activation.valueOf(type.name());
    }

    static LossFunction lossFunction(LossType type) {
        return LossFunction.valueOf(type.name());
    }

    /** A named scheme maps by name; a distribution to WeightInitDistribution with DL4J's distribution of that name. */
    static IWeightInit weightInit(WeightInitSpec init) {
        if (init instanceof lockstep.spec.WeightInit scheme) {
            return WeightInit.valueOf(scheme.name()).getWeightInitFunction();
        }
        if (init instanceof WeightDistribution.Normal n) {
            return new WeightInitDistribution(new NormalDistribution(n.mean(), n.std()));
        }
        if (init instanceof WeightDistribution.Uniform u) {
            return new WeightInitDistribution(new UniformDistribution(u.lower(), u.upper()));
        }
        if (init instanceof WeightDistribution.TruncatedNormal t) {
            return new WeightInitDistribution(new TruncatedNormalDistribution(t.mean(), t.std()));
        }
        throw new IllegalArgumentException("unknown weight init " + init);
    }

    static IUpdater updater(UpdaterSpec u) {
        IUpdater updater = fixedRateUpdater(u);
        if (u.schedule() != null && u.type().hasLearningRate()) {
            ISchedule s = schedule(u.schedule(), u.learningRate());
            if (updater instanceof Sgd x) {
                x.setLearningRateSchedule(s);
            } else if (updater instanceof Nesterovs x) {
                x.setLearningRateSchedule(s);
            } else if (updater instanceof Adam x) {
                x.setLearningRateSchedule(s);
            } else if (updater instanceof AdaMax x) {
                x.setLearningRateSchedule(s);
            } else if (updater instanceof AMSGrad x) {
                x.setLearningRateSchedule(s);
            } else if (updater instanceof Nadam x) {
                x.setLearningRateSchedule(s);
            } else if (updater instanceof RmsProp x) {
                x.setLearningRateSchedule(s);
            } else if (updater instanceof AdaGrad x) {
                x.setLearningRateSchedule(s);
            } else {
                throw new IllegalArgumentException(u.type() + " takes no learning-rate schedule");
            }
        }
        return updater;
    }

    /** DL4J's ISchedule for a schedule spec, starting at the updater's learning rate. */
    static ISchedule schedule(ScheduleSpec s, double initial) {
        ScheduleType unit = ScheduleType.valueOf(s.unit().name());
        return switch (s.kind()) {
            case STEP -> new StepSchedule(unit, initial, s.decayRate(), s.step());
            case EXPONENTIAL -> new ExponentialSchedule(unit, initial, s.gamma());
            case INVERSE -> new InverseSchedule(unit, initial, s.gamma(), s.power());
            case POLY -> new PolySchedule(unit, initial, s.power(), s.maxIter());
            case SIGMOID -> new SigmoidSchedule(unit, initial, s.gamma(), s.stepSize());
            case MAP -> new MapSchedule(unit, new java.util.HashMap<>(s.values()));
        };
    }

    private static IUpdater fixedRateUpdater(UpdaterSpec u) {
        return switch (u.type()) {
            case SGD -> new Sgd(u.learningRate());
            case NESTEROVS -> new Nesterovs(u.learningRate(), u.momentum());
            case ADAM -> new Adam(u.learningRate(), u.beta1(), u.beta2(), u.epsilon());
            case ADAMAX -> new AdaMax(u.learningRate(), u.beta1(), u.beta2(), u.epsilon());
            case AMSGRAD -> new AMSGrad(u.learningRate(), u.beta1(), u.beta2(), u.epsilon());
            case NADAM -> new Nadam(u.learningRate(), u.beta1(), u.beta2(), u.epsilon());
            case RMSPROP -> new RmsProp(u.learningRate(), u.decay(), u.epsilon());
            case ADAGRAD -> new AdaGrad(u.learningRate(), u.epsilon());
            case ADADELTA -> AdaDelta.builder().rho(u.decay()).epsilon(u.epsilon()).build();
            case NOOP -> new NoOp();
        };
    }

    /**
     * Calls the builder's regularisation setters for the fields set at this scope, always in the
     * order l1, l2, weightDecay, l1Bias, l2Bias, weightDecayBias (the order fixes DL4J's list order).
     */
    private static void regularization(RegularizationSpec r, DoubleConsumer l1, DoubleConsumer l2, DoubleConsumer wd,
                                       DoubleConsumer l1Bias, DoubleConsumer l2Bias, DoubleConsumer wdBias) {
        DoubleConsumer[] setters = {l1, l2, wd, l1Bias, l2Bias, wdBias};
        for (int i = 0; i < setters.length; i++) {
            Double value = r.get(RegularizationSpec.FIELDS[i]);
            if (value != null) {
                setters[i].accept(value);
            }
        }
    }
}
