package lockstep.explore;

/**
 * What one side did in one cell of the grid. Losses are as the side reported them, NaN or infinite included.
 *
 * @param stepLoss       the batch-mean training loss of every step (before its update), steps numbered from 1
 * @param epochLoss      each epoch's training loss: the example-weighted mean of its steps' batch losses
 * @param validationLoss the validation loss after each epoch (no dropout, no training)
 * @param nonFinite      where a loss first became NaN or infinite, or null when none did
 * @param stopping       the epoch early stopping would pick from {@code validationLoss}
 * @param seconds        the side's time: its steps and its validation
 */
public record SideCurves(double[] stepLoss, double[] epochLoss, double[] validationLoss, NonFinite nonFinite,
                         EarlyStoppingPick stopping, double seconds) {

    /**
     * The first NaN or infinite loss of a side.
     *
     * @param quantity "training loss" or "validation loss"
     * @param step     the global step (1-based) whose training loss it was, or the last step of the epoch it was validated after
     * @param epoch    the epoch (1-based)
     * @param value    the value (NaN, +Infinity or -Infinity)
     */
    public record NonFinite(String quantity, int step, int epoch, double value) {
        public String describe() {
            return quantity + " " + value + " at step " + step + " (epoch " + epoch + ")";
        }
    }

    /**
     * The first non-finite loss in time order: the training loss of step s comes before the validation after the epoch
     * that step ends, which comes before step s + 1. Null when every loss is finite.
     */
    static NonFinite firstNonFinite(double[] stepLoss, double[] validationLoss, int stepsPerEpoch) {
        NonFinite first = null;
        for (int s = 0; s < stepLoss.length && first == null; s++) {
            if (!Double.isFinite(stepLoss[s])) {
                first = new NonFinite("training loss", s + 1, s / stepsPerEpoch + 1, stepLoss[s]);
            }
        }
        for (int e = 0; e < validationLoss.length; e++) {
            if (!Double.isFinite(validationLoss[e])) {
                int step = (e + 1) * stepsPerEpoch;
                if (first == null || step < first.step()) {
                    first = new NonFinite("validation loss", step, e + 1, validationLoss[e]);
                }
                break;
            }
        }
        return first;
    }
}
