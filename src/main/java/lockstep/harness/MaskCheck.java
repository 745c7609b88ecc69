package lockstep.harness;

import java.util.Map;
import lockstep.comparison.Check;
import lockstep.comparison.Divergence;
import lockstep.comparison.Quantity;
import lockstep.comparison.TensorDiff;
import lockstep.comparison.Tolerance;
import lockstep.spec.NetworkSpec;
import lockstep.spec.ParameterKey;

/**
 * The dropout comparisons of one step: both sides must have drawn the same random arrays, bit for bit
 * ({@link #firstDifference}), and have applied them alike ({@link #firstOutputDifference}).
 */
public final class MaskCheck {
    private MaskCheck() {
    }

    /**
     * Null when every mask of {@code engine} equals the reference's, element by element (keys {@code "1_dropout"}, values
     * row-major [B, nIn]); otherwise the first layer and element where they differ, with both values (NaN: that side has
     * no mask there). An engine that reports no masks at all ({@link Trainer#dropoutMasks()} not implemented) is judged
     * by its gradients only: null.
     */
    public static Divergence firstDifference(int epoch, int step, int globalStep, NetworkSpec network,
                                             Map<String, double[]> engine, Map<String, double[]> reference, Tolerance tolerance) {
        return firstLayer(network, engine, reference, (key, cols, e, d) -> {
            int n = Math.max(e == null ? 0 : e.length, d == null ? 0 : d.length);
            for (int i = 0; i < n; i++) {
                double a = e != null && i < e.length ? e[i] : Double.NaN;
                double b = d != null && i < d.length ? d[i] : Double.NaN;
                if (Double.doubleToLongBits(a) != Double.doubleToLongBits(b)) {
                    return new Divergence(Check.STEP, epoch, step, globalStep, Quantity.DROPOUT_MASK, key,
                            new int[] {n / cols, cols}, i, a, b, Double.POSITIVE_INFINITY, tolerance);
                }
            }
            return null;
        });
    }

    /**
     * Null when every layer's input after its dropout (keys {@code "1_dropout"}, row-major [B, nIn]) agrees with the
     * reference's under {@code tolerance}; otherwise the first layer and element that does not, as a
     * {@link Quantity#DROPOUT_OUTPUT} divergence. This locates a dropout applied wrongly with the right array (noise
     * added twice, a wrong AlphaDropout constant) at its layer, before the loss shows it. An engine that reports none
     * is judged by its loss and gradients only: null.
     */
    public static Divergence firstOutputDifference(int epoch, int step, int globalStep, NetworkSpec network,
                                                   Map<String, double[]> engine, Map<String, double[]> reference,
                                                   Tolerance tolerance) {
        return firstLayer(network, engine, reference, (key, cols, e, d) -> {
            if (e == null || d == null || e.length != d.length) {
                int n = Math.max(e == null ? 0 : e.length, d == null ? 0 : d.length);
                return new Divergence(Check.STEP, epoch, step, globalStep, Quantity.DROPOUT_OUTPUT, key,
                        new int[] {n / cols, cols}, 0, e == null ? Double.NaN : e[0], d == null ? Double.NaN : d[0],
                        Double.POSITIVE_INFINITY, tolerance);
            }
            TensorDiff diff = TensorDiff.of(e, d, tolerance);
            if (diff.passed()) {
                return null;
            }
            int i = diff.firstFailIndex();
            return new Divergence(Check.STEP, epoch, step, globalStep, Quantity.DROPOUT_OUTPUT, key,
                    new int[] {e.length / cols, cols}, i, e[i], d[i], diff.firstFailError(), tolerance);
        });
    }

    /** One layer's comparison: its key, input width, and both sides' arrays (either may be null); null when they agree. */
    private interface LayerCheck {
        Divergence compare(String key, int cols, double[] engine, double[] reference);
    }

    /** The first layer, in order, whose arrays {@code check} finds different; null when none (or the engine reports none). */
    private static Divergence firstLayer(NetworkSpec network, Map<String, double[]> engine, Map<String, double[]> reference,
                                         LayerCheck check) {
        if (engine.isEmpty()) {
            return null;
        }
        for (int layer = 0; layer < network.layers().size(); layer++) {
            String key = ParameterKey.dropoutName(layer);
            double[] e = engine.get(key);
            double[] d = reference.get(key);
            if (e != null || d != null) {
                Divergence found = check.compare(key, network.layers().get(layer).nIn(), e, d);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
