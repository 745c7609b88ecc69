package lockstep.spec;

import java.util.List;
import lockstep.LockstepException;

/** Checks a {@link RunSpec} for consistency before anything is built; errors name the field and the layer. */
public final class SpecValidator {
    private SpecValidator() {
    }

    /** Returns {@code spec} unchanged, or throws a {@link LockstepException} naming the first problem. */
    public static RunSpec validate(RunSpec spec) {
        validateNetwork(spec.network());
        validateTraining(spec.training());
        return spec;
    }

    static void validateNetwork(NetworkSpec net) {
        List<LayerSpec> layers = net.layers();
        if (layers.isEmpty()) {
            throw new LockstepException("network.layers: a network needs at least one layer");
        }
        boolean plain = net.isDenseOnly() && net.input() == null;
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec layer = layers.get(i);
            String where = "network.layers[" + i + "] (" + (i == layers.size() - 1 ? "output" : layer.type().jsonName()) + ")";
            if (layer.nIn() < 1 || layer.nOut() < 1) {
                throw new LockstepException(where + ": nIn and nOut must be at least 1, got nIn=" + layer.nIn()
                        + " nOut=" + layer.nOut());
            }
            if (plain && i > 0 && layer.nIn() != layers.get(i - 1).nOut()) {
                throw new LockstepException(where + ": nIn=" + layer.nIn() + " but the previous layer (layer "
                        + (i - 1) + ") has nOut=" + layers.get(i - 1).nOut());
            }
            if (!layer.isDense()) {
                validateConvolutionalLayer(net, i);
            }
        }
        if (!plain) {
            LayerInput.of(net);            // every nIn against what reaches it, as DL4J's input types propagate
        }
        validateWeightInits(net);
        ActivationType out = net.outputLayer().activation();
        if (out == ActivationType.SOFTMAX && net.outputSize() == 1) {
            // DL4J's own output-layer check refuses this too; lockstep turns that check off (see Dl4jNetworks)
            throw new LockstepException("network.layers[" + (layers.size() - 1) + "] (output): a SOFTMAX output layer with"
                    + " nOut=1 always outputs 1; use SIGMOID for one output");
        }
        OutputDomain domain = net.loss().outputs();
        if (!domain.allows(out)) {
            String article = "AEIOU".indexOf(out.name().charAt(0)) >= 0 ? "an " : "a ";
            throw new LockstepException("network.loss: " + net.loss() + " with " + article + out + " output layer is not supported ("
                    + net.loss() + " needs " + domain.describe() + "); use a " + domain.activationList() + " output layer");
        }
        validateUpdater(net.updater(), "network.updater");
        validateRegularization(net.regularization(), "network.regularization");
        validateNormalization(net.gradientNormalization(), "network.gradientNormalization");
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec l = layers.get(i);
            String where = "network.layers[" + i + "]";
            if (l.updater() != null) {
                validateUpdater(l.updater(), where + ".updater");
            }
            if (l.regularization() != null) {
                validateRegularization(l.regularization(), where + ".regularization");
            }
            if (l.gradientNormalization() != null) {
                validateNormalization(l.gradientNormalization(), where + ".gradientNormalization");
            }
            if (l.dropout() != null) {
                validateDropout(l.dropout(), where + ".dropout");
            }
        }
    }

    /** What lockstep does not (yet) offer on a convolution, pooling or batch-normalisation layer, refused by name. */
    private static void validateConvolutionalLayer(NetworkSpec net, int i) {
        LayerSpec l = net.layers().get(i);
        String where = "network.layers[" + i + "] (" + l.type().jsonName() + ")";
        if (i == net.layers().size() - 1) {
            throw new LockstepException(where + ": the last layer is the output layer and must be dense");
        }
        if (l.dropout() != null) {
            throw new LockstepException(where + ".dropout: dropout is offered on dense layers only");
        }
        if (l.gradientNormalization() != null || (l.type() == LayerType.BATCH_NORMALIZATION
                && net.gradientNormalization().type() != GradientNormalization.None)) {
            throw new LockstepException(where + ": gradient normalisation is offered on dense and convolution layers only;"
                    + " set it on those layers instead of the network");
        }
        if (l.window() != null && l.window().mode() == WindowSpec.Mode.SAME && (l.window().padH() > 0 || l.window().padW() > 0)) {
            throw new LockstepException(where + ".padding: convolutionMode SAME computes its own padding (DL4J refuses"
                    + " padding with it); leave padding out or use TRUNCATE");
        }
        if (l.type() == LayerType.CONVOLUTION && net.weightInitOf(i) == WeightInit.IDENTITY) {
            throw new LockstepException(where + ".weightInit: IDENTITY is not offered for a convolution");
        }
    }

    /** DL4J's own ranges: p in (0, 1], rate in (0, 1), stddev > 0 (all finite). */
    static void validateDropout(DropoutSpec d, String where) {
        double v = d.value();
        switch (d.kind()) {
            case DROPOUT -> {
                if (!(v > 0 && v <= 1)) {
                    throw new LockstepException(where + ": the probability p of keeping an activation must be in (0, 1], got " + v);
                }
            }
            case ALPHA_DROPOUT -> {
                if (!(v > 0 && v <= 1)) {
                    throw new LockstepException(where + ".p: the probability of keeping an activation must be in (0, 1], got " + v);
                }
            }
            case GAUSSIAN_DROPOUT -> {
                if (!(v > 0 && v < 1)) {
                    throw new LockstepException(where + ".rate: must be in (0, 1), got " + v);
                }
            }
            case GAUSSIAN_NOISE -> {
                if (!(v > 0 && Double.isFinite(v))) {
                    throw new LockstepException(where + ".stddev: must be a finite number > 0, got " + v);
                }
            }
        }
    }

    static void validateUpdater(UpdaterSpec u, String where) {
        if (u.type().hasLearningRate() && (!Double.isFinite(u.learningRate()) || u.learningRate() < 0)) {
            throw new LockstepException(where + ".learningRate: must be a finite number >= 0, got " + u.learningRate());
        }
        if (u.schedule() != null) {
            validateSchedule(u.schedule(), where + ".schedule");
        }
        for (String h : u.usedHyperparameters()) {
            double v = u.hyperparameter(h);
            boolean rate = h.startsWith("beta") || h.equals("decay") || h.equals("momentum");
            if (!Double.isFinite(v) || v < 0 || (rate && v >= 1) || (h.equals("epsilon") && v == 0)) {
                throw new LockstepException(where + "." + h + ": " + v + " is out of range ("
                        + (rate ? "0 <= " + h + " < 1" : "epsilon > 0") + ")");
            }
        }
    }

    static void validateSchedule(ScheduleSpec s, String where) {
        String problem = switch (s.kind()) {
            case STEP -> s.step() > 0 && Double.isFinite(s.decayRate()) ? null : "step must be > 0 and decayRate finite";
            case EXPONENTIAL, INVERSE, SIGMOID -> Double.isFinite(s.gamma()) && Double.isFinite(s.power()) ? null : "gamma and power must be finite";
            case POLY -> s.maxIter() > 0 && Double.isFinite(s.power()) ? null : "maxIter must be > 0 and power finite";
            case MAP -> s.values().containsKey(0) ? null : "values must hold the key 0 (DL4J's MapSchedule needs the starting value)";
        };
        if (problem != null) {
            throw new LockstepException(where + ": " + problem);
        }
    }

    static void validateRegularization(RegularizationSpec r, String where) {
        for (String field : RegularizationSpec.FIELDS) {
            Double v = r.get(field);
            if (v != null && (!Double.isFinite(v) || v < 0)) {
                throw new LockstepException(where + "." + field + ": must be a finite number >= 0, got " + v);
            }
        }
        if (r.l2() != null && r.weightDecay() != null && r.l2() > 0 && r.weightDecay() > 0) {
            throw new LockstepException(where + ": l2 and weightDecay exclude each other at one scope"
                    + " (DL4J's builder would silently drop one of them)");
        }
        if (r.l2Bias() != null && r.weightDecayBias() != null && r.l2Bias() > 0 && r.weightDecayBias() > 0) {
            throw new LockstepException(where + ": l2Bias and weightDecayBias exclude each other at one scope"
                    + " (DL4J's builder would silently drop one of them)");
        }
    }

    static void validateNormalization(GradientNormalizationSpec g, String where) {
        if (!Double.isFinite(g.threshold()) || g.threshold() <= 0) {
            throw new LockstepException(where + ".threshold: must be a finite number > 0, got " + g.threshold());
        }
    }

    /** Distribution parameters DL4J accepts (std > 0, lower < upper, all finite), and IDENTITY only for a square W. */
    static void validateWeightInits(NetworkSpec net) {
        validateWeightInit(net.weightInit(), "network.weightInit");
        List<LayerSpec> layers = net.layers();
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec layer = layers.get(i);
            if (layer.weightInit() != null) {
                validateWeightInit(layer.weightInit(), "network.layers[" + i + "].weightInit");
            }
            if (net.weightInitOf(i) == WeightInit.IDENTITY && layer.nIn() != layer.nOut()) {
                throw new LockstepException("network.layers[" + i + "] (" + (i == layers.size() - 1 ? "output" : "dense")
                        + "): weight init IDENTITY needs a square W (nIn = nOut), got nIn=" + layer.nIn() + " nOut=" + layer.nOut());
            }
        }
    }

    private static void validateWeightInit(WeightInitSpec init, String where) {
        if (init == null) {
            throw new LockstepException(where + ": missing");
        }
        if (init instanceof WeightDistribution.Normal n) {
            requireMeanAndStd(n.mean(), n.std(), where);
        } else if (init instanceof WeightDistribution.TruncatedNormal t) {
            requireMeanAndStd(t.mean(), t.std(), where);
        } else if (init instanceof WeightDistribution.Uniform u) {
            if (!Double.isFinite(u.lower()) || !Double.isFinite(u.upper()) || u.lower() >= u.upper()) {
                throw new LockstepException(where + ": a uniform distribution needs finite bounds with lower < upper, got lower="
                        + u.lower() + " upper=" + u.upper());
            }
        }
    }

    private static void requireMeanAndStd(double mean, double std, String where) {
        if (!Double.isFinite(mean)) {
            throw new LockstepException(where + ".mean: must be a finite number, got " + mean);
        }
        if (!Double.isFinite(std) || std <= 0) {
            throw new LockstepException(where + ".std: must be a finite number > 0, got " + std);
        }
    }

    static void validateTraining(TrainingSpec t) {
        if (t.seed() == 0) {
            throw new LockstepException("training.seed: 0 cannot be reproduced (ND4J replaces a seed of 0 by the clock); use any other");
        }
        if (t.batchSize() < 1) {
            throw new LockstepException("training.batchSize: must be at least 1, got " + t.batchSize());
        }
        if (t.epochs() < 1) {
            throw new LockstepException("training.epochs: must be at least 1, got " + t.epochs());
        }
        ValidationSpec v = t.validation();
        if (v != null && v.isSplit() && !(v.fraction() > 0 && v.fraction() < 1)) {
            throw new LockstepException("training.validation.fraction: must be between 0 and 1 (exclusive), got " + v.fraction());
        }
        EarlyStoppingSpec es = t.earlyStopping();
        if (es != null) {
            if (v == null) {
                throw new LockstepException("training.earlyStopping: needs validation data; add \"validation\": {\"fraction\": 0.2}"
                        + " or {\"csv\": \"file.csv\"} to \"training\"");
            }
            if (es.patience() < 0) {
                throw new LockstepException("training.earlyStopping.patience: must be at least 0, got " + es.patience());
            }
            if (!Double.isFinite(es.minDelta()) || es.minDelta() < 0) {
                throw new LockstepException("training.earlyStopping.minDelta: must be a finite number >= 0, got " + es.minDelta());
            }
            if (es.evaluateEvery() < 1) {
                throw new LockstepException("training.earlyStopping.evaluateEvery: must be at least 1, got " + es.evaluateEvery());
            }
        }
    }
}
