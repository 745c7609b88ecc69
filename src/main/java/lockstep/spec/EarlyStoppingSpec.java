package lockstep.spec;

/**
 * Early stopping on the validation loss, with DL4J's EarlyStoppingTrainer semantics: the validation loss is
 * evaluated after epochs 1, 1 + evaluateEvery, 1 + 2·evaluateEvery, ... (DL4J's epochs 0, N, 2N, ...);
 * training stops when the loss has not improved by more than {@code minDelta} for {@code patience} epochs,
 * or once the maximum number of epochs (the training spec's {@code epochs}) is reached at an evaluation;
 * the parameters of the best epoch (strictly lowest validation loss) are restored.
 */
public record EarlyStoppingSpec(int patience, double minDelta, int evaluateEvery) {

    public EarlyStoppingSpec(int patience, double minDelta) {
        this(patience, minDelta, 1);
    }
}
