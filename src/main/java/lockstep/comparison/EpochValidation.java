package lockstep.comparison;

/**
 * Validation after one epoch, on both sides.
 *
 * @param engineLoss      the free-running engine's validation loss (its own parameters; what the engine's early stopping sees)
 * @param anchoredLoss    the engine's validation loss computed at DL4J's parameters (the step check's engine value)
 * @param dl4jLoss        DL4J's {@code score(validation, false)}
 * @param engineAccuracy  the free-running engine's validation accuracy
 * @param dl4jAccuracy    DL4J's validation accuracy (argmax of {@code output(x, false)})
 * @param stepError       the worst step-check error of the loss and the outputs (engine at DL4J's parameters vs DL4J)
 * @param drift           the trajectory error of the free-running engine's validation loss against DL4J's
 * @param divergence      the first validation divergence, or null
 */
public record EpochValidation(double engineLoss, double anchoredLoss, double dl4jLoss, double engineAccuracy,
                              double dl4jAccuracy, double stepError, double drift, Divergence divergence) {
}
