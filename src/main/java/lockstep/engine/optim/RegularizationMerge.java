package lockstep.engine.optim;

import java.util.ArrayList;
import java.util.List;
import lockstep.spec.RegularizationSpec;

/**
 * Which regularisers a layer really ends up with in DL4J 1.0.0-M2.1, given what the network
 * (global builder) and the layer set. DL4J first copies the global list into a layer whose own list
 * is empty (NeuralNetConfiguration.Builder.copyConfigToLayer), then merges the global list in again
 * (LayerValidation.configureBaseLayer): global L1/L2 only where the layer has none of that kind,
 * but global weight decay always. So a global weight decay is applied TWICE to a layer that sets
 * nothing itself, and once on top of a layer's own weight decay. This is a DL4J defect; the engine
 * reproduces it so that both sides agree, and README documents it.
 */
public final class RegularizationMerge {
    private RegularizationMerge() {
    }

    /** The weights' regularisers of a layer. */
    public static List<Regularizer> forWeights(RegularizationSpec global, RegularizationSpec layer) {
        return merge(list(global, "l1", "l2", "weightDecay"), list(layer, "l1", "l2", "weightDecay"));
    }

    /** The biases' regularisers of a layer. */
    public static List<Regularizer> forBiases(RegularizationSpec global, RegularizationSpec layer) {
        return merge(list(global, "l1Bias", "l2Bias", "weightDecayBias"), list(layer, "l1Bias", "l2Bias", "weightDecayBias"));
    }

    static List<Regularizer> merge(List<Regularizer> global, List<Regularizer> own) {
        List<Regularizer> result = new ArrayList<>(own.isEmpty() ? global : own);   // copyConfigToLayer
        if (global.isEmpty()) {
            return result;
        }
        boolean hasL1 = result.stream().anyMatch(r -> r.kind() == Regularizer.Kind.L1);
        boolean hasL2 = result.stream().anyMatch(r -> r.kind() == Regularizer.Kind.L2);
        for (Regularizer r : global) {                                                // configureBaseLayer
            boolean skip = (r.kind() == Regularizer.Kind.L1 && hasL1) || (r.kind() == Regularizer.Kind.L2 && hasL2);
            if (!skip) {
                result.add(r);
            }
        }
        return result;
    }

    /** The regularisers set at one scope, in the order the builder methods are called (L1, L2, weight decay). */
    private static List<Regularizer> list(RegularizationSpec spec, String l1, String l2, String wd) {
        List<Regularizer> out = new ArrayList<>();
        if (spec == null) {
            return out;
        }
        add(out, Regularizer.Kind.L1, spec.get(l1));
        add(out, Regularizer.Kind.L2, spec.get(l2));
        add(out, Regularizer.Kind.WEIGHT_DECAY, spec.get(wd));
        return out;
    }

    private static void add(List<Regularizer> out, Regularizer.Kind kind, Double coefficient) {
        if (coefficient != null && coefficient > 0.0) {
            out.add(new Regularizer(kind, coefficient));
        }
    }
}
