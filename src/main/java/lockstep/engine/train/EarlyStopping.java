package lockstep.engine.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * The engine's early stopping on the validation loss, with the semantics of DL4J 1.0.0-M2.1's
 * {@code EarlyStoppingTrainer} configured with {@code MaxEpochsTerminationCondition(maxEpochs)} and
 * {@code ScoreImprovementEpochTerminationCondition(patience, minDelta)}, in that order, and an in-memory model
 * saver. Epochs are numbered from 1 here (DL4J numbers them from 0: its epoch k is epoch k+1 here).
 * <ul>
 * <li>The validation loss is computed only after epochs 1, 1 + N, 1 + 2N, ... (N = evaluateEvery; DL4J's epochs
 *     0, N, 2N, ...), and the termination conditions are checked only then: with N &gt; 1 training can run past
 *     maxEpochs, up to the next evaluated epoch.</li>
 * <li>The best model is the one with the strictly lowest loss (a tie keeps the earlier epoch), whatever minDelta
 *     says; an invalid loss (NaN, infinite) at the first evaluation becomes the best, and since nothing compares
 *     below NaN it stays the best.</li>
 * <li>Patience is counted by the termination condition's own record, which moves only on an improvement of more
 *     than minDelta: training stops after epoch e when e &gt;= (epoch of the last such improvement) + patience.
 *     So with minDelta &gt; 0 the restored best epoch can be later than the epoch patience counts from.</li>
 * <li>MaxEpochs is checked first: after epoch e it stops when e &gt;= maxEpochs.</li>
 * </ul>
 * Each decision is a protected method so that a test can plant a faulty one.
 */
public class EarlyStopping {

    /** Why training stopped. */
    public enum Reason {
        MAX_EPOCHS("the maximum number of epochs was reached"),
        NO_IMPROVEMENT("no improvement");

        private final String description;

        Reason(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    /**
     * @param patience      epochs without an improvement of more than minDelta before stopping
     * @param minDelta      the smallest decrease of the validation loss that counts as an improvement for patience
     * @param maxEpochs     stop at the first evaluation at or after this epoch
     * @param evaluateEvery evaluate after every N-th epoch (1, 1 + N, ...)
     */
    public record Config(int patience, double minDelta, int maxEpochs, int evaluateEvery) {
    }

    private final Config config;
    private final Map<Integer, Double> scores = new LinkedHashMap<>();
    private int bestEpoch = -1;
    private double bestScore = Double.MAX_VALUE;
    private Map<String, double[]> bestParameters;
    private int patienceEpoch = -1;
    private double patienceScore = Double.NaN;
    private Reason reason;
    private int stoppedAfter = -1;

    public EarlyStopping(Config config) {
        this.config = config;
    }

    public Config config() {
        return config;
    }

    /** Whether the validation loss is computed after this epoch (1-based). */
    public boolean evaluates(int epoch) {
        return (epoch - 1) % config.evaluateEvery() == 0;
    }

    /**
     * Call after every epoch (1-based). On an evaluated epoch it takes the validation loss, keeps a copy of
     * {@code parameters} when the loss is a new best, and checks the termination conditions. Returns true when
     * training must stop.
     */
    public boolean afterEpoch(int epoch, DoubleSupplier validationLoss, Supplier<Map<String, double[]>> parameters) {
        if (stopped()) {
            throw new IllegalStateException("training already stopped after epoch " + stoppedAfter);
        }
        if (!evaluates(epoch)) {
            return false;
        }
        double score = validationLoss.getAsDouble();
        scores.put(epoch, score);
        boolean invalid = Double.isNaN(score) || Double.isInfinite(score);
        if (isNewBest(score) || (bestEpoch == -1 && invalid)) {
            bestEpoch = epoch;
            bestScore = score;
            bestParameters = copy(parameters.get());
        }
        if (maxEpochsReached(epoch)) {
            stop(epoch, Reason.MAX_EPOCHS);
        } else if (patienceExhausted(epoch, score)) {
            stop(epoch, Reason.NO_IMPROVEMENT);
        }
        return stopped();
    }

    /** A new best must be strictly better (DL4J: {@code score < bestModelScore}). */
    protected boolean isNewBest(double score) {
        return score < bestScore;
    }

    /** DL4J's MaxEpochsTerminationCondition: {@code epochNum + 1 >= maxEpochs} with its 0-based epochNum. */
    protected boolean maxEpochsReached(int epoch) {
        return epoch >= config.maxEpochs();
    }

    /**
     * DL4J's ScoreImprovementEpochTerminationCondition: the first evaluation sets its record; an improvement of
     * more than minDelta moves it; otherwise stop when epoch &gt;= record epoch + patience.
     */
    protected boolean patienceExhausted(int epoch, double score) {
        if (patienceEpoch == -1) {
            patienceEpoch = epoch;
            patienceScore = score;
            return false;
        }
        double improvement = patienceScore - score;
        if (improvement > config.minDelta()) {
            patienceEpoch = epoch;
            patienceScore = score;
            return false;
        }
        return epoch >= patienceEpoch + config.patience();
    }

    private void stop(int epoch, Reason r) {
        reason = r;
        stoppedAfter = epoch;
    }

    public boolean stopped() {
        return reason != null;
    }

    /** Why training stopped (null while it goes on). */
    public Reason reason() {
        return reason;
    }

    /** The last epoch trained (the one after which training stopped), or -1. */
    public int stoppedAfter() {
        return stoppedAfter;
    }

    /** The validation loss of every evaluated epoch, in order (1-based epochs). */
    public Map<Integer, Double> scores() {
        return Collections.unmodifiableMap(scores);
    }

    /** The epoch with the (strictly) lowest validation loss so far, or -1 before the first evaluation. */
    public int bestEpoch() {
        return bestEpoch;
    }

    public double bestScore() {
        return bestScore;
    }

    /** The epoch the patience is counted from: the last one that improved by more than minDelta. */
    public int patienceEpoch() {
        return patienceEpoch;
    }

    /** A copy of the parameters after the best epoch (null before the first evaluation). */
    public Map<String, double[]> bestParameters() {
        return bestParameters == null ? null : copy(bestParameters);
    }

    /** E.g. {@code no improvement of more than 0.001 since epoch 12 (patience 5)}. */
    public String describeReason() {
        if (reason == null) {
            return "not stopped";
        }
        if (reason == Reason.MAX_EPOCHS) {
            return "the maximum of " + config.maxEpochs() + " epochs was reached" + (stoppedAfter == config.maxEpochs() ? ""
                    : " at the first evaluation after it (it is checked only when the validation loss is computed: "
                    + (stoppedAfter - config.maxEpochs()) + " epoch" + (stoppedAfter - config.maxEpochs() == 1 ? "" : "s")
                    + " past it)");
        }
        return "no improvement" + (config.minDelta() > 0 ? " of more than " + config.minDelta() : "") + " since epoch "
                        + patienceEpoch + " (patience " + config.patience() + ")";
    }

    private static Map<String, double[]> copy(Map<String, double[]> p) {
        Map<String, double[]> out = new LinkedHashMap<>();
        p.forEach((k, v) -> out.put(k, v.clone()));
        return out;
    }
}
