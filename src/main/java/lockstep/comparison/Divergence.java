package lockstep.comparison;

import java.util.Locale;
import lockstep.spec.ParameterKey;

/**
 * The first place where the two sides disagree beyond tolerance: when (epoch, step within epoch,
 * global step; 0 for the initial parameters), what (quantity, parameter, element) and by how much.
 *
 * @param parameter null for the loss and the batch order
 * @param shape     the parameter's shape, to print the element as [i], [row,col] or [out,in,kh,kw]
 * @param index     flat row-major index of the element (for BATCH: position in the epoch's order)
 */
public record Divergence(Check check, int epoch, int step, int globalStep, Quantity quantity, String parameter,
                         int[] shape, int index, double engineValue, double dl4jValue, double error,
                         Tolerance tolerance) {

    /** Layer index parsed from the parameter key ("1_W" -> 1), or -1 for loss, batch and validation. */
    public int layer() {
        return parameter == null || afterEpoch() ? -1 : ParameterKey.layerOf(parameter);
    }


    /**
     * The element as the user reads it, one index per dimension of the parameter's shape (c order): [7] for a vector,
     * [2,7] for a dense W [nIn, nOut], [out,in,kh,kw] for a convolution's W.
     */
    public String element() {
        return element(index, shape);
    }

    /** Element {@code index} (c order) of a tensor of {@code shape}, one index per dimension: [7], [2,7], [o,i,kh,kw]. */
    public static String element(int index, int[] shape) {
        if (shape == null || shape.length == 1) {
            return "[" + index + "]";
        }
        int[] at = new int[shape.length];
        int rest = index;
        for (int d = shape.length - 1; d >= 0; d--) {
            at[d] = rest % shape[d];
            rest /= shape[d];
        }
        StringBuilder s = new StringBuilder("[");
        for (int d = 0; d < at.length; d++) {
            s.append(d == 0 ? "" : ",").append(at[d]);
        }
        return s.append(']').toString();
    }

    /** E.g. {@code gradient 0_W[2,7]}, {@code loss}, {@code batch position 3 (example index)}. */
    public String what() {
        return switch (quantity) {
            case LOSS -> "loss";
            case VALIDATION_LOSS -> "validation loss";
            case VALIDATION_OUTPUT -> "validation output" + element();
            case VALIDATION_PREDICTION -> "predicted class of validation example " + index;
            case BATCH -> "epoch order differs at position " + index + " (example index)";
            case DROPOUT_MASK -> "dropout mask on layer " + layer() + "'s input" + element();
            case DROPOUT_OUTPUT -> "layer " + layer() + "'s input after dropout" + element();
            case UPDATER_STATE -> "updater state " + ParameterKey.slotOf(parameter) + " of "
                    + ParameterKey.parse(parameter).name() + element();
            default -> (globalStep == 0 ? "initial parameter" : quantity.label()) + " " + parameter + element();
        };
    }

    /** True for the comparisons made after an epoch, on the validation examples. */
    public boolean afterEpoch() {
        return quantity == Quantity.VALIDATION_LOSS || quantity == Quantity.VALIDATION_OUTPUT
                || quantity == Quantity.VALIDATION_PREDICTION;
    }

    public String when() {
        if (afterEpoch()) {
            return "after epoch " + epoch;
        }
        return globalStep == 0 ? "before training" : "epoch " + epoch + " step " + step;
    }

    /** One line: {@code epoch 1 step 3: gradient 0_W[2,7]  engine 0.01234  dl4j 0.0125  abs 1.6e-04  rel 1.3e-02  (tolerance 1e-10)}. */
    public String describe() {
        if (quantity == Quantity.BATCH || quantity == Quantity.VALIDATION_PREDICTION) {
            return String.format(Locale.ROOT, "%s: %s: engine %d  dl4j %d", when(), what(),
                    (long) engineValue, (long) dl4jValue);
        }
        if (quantity == Quantity.DROPOUT_MASK) {
            return String.format(Locale.ROOT, "%s: %s  engine %s  dl4j %s  (masks must be equal)", when(), what(),
                    value(engineValue), value(dl4jValue));
        }
        return String.format(Locale.ROOT, "%s: %s  engine %s  dl4j %s  abs %.1e  rel %.1e  (%s tolerance %.0e)",
                when(), what(), value(engineValue), value(dl4jValue), Math.abs(engineValue - dl4jValue), error,
                check.label(), tolerance.relative());
    }

    private static String value(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.10g", v) : Double.toString(v);
    }
}
