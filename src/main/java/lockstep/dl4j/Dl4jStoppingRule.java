package lockstep.dl4j;

import java.util.List;
import lockstep.data.Batch;
import org.deeplearning4j.earlystopping.scorecalc.DataSetLossCalculator;
import org.deeplearning4j.earlystopping.termination.EpochTerminationCondition;
import org.deeplearning4j.earlystopping.termination.MaxEpochsTerminationCondition;
import org.deeplearning4j.earlystopping.termination.ScoreImprovementEpochTerminationCondition;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * DL4J's early-stopping decision, taken after each epoch of a loop that is not DL4J's own ({@code train --both}: DL4J's
 * steps follow lockstep's epoch loop, so its {@code EarlyStoppingTrainer} cannot drive them). The decision is made by
 * the objects that trainer consults, in its order: a {@code DataSetLossCalculator} (average) on the validation
 * examples, then {@code MaxEpochsTerminationCondition(maxEpochs)} and {@code ScoreImprovementEpochTerminationCondition(
 * patience, minDelta)}; scores are taken after DL4J's epochs 0, N, 2N, ... (N = evaluateEvery), and the best model is
 * the trainer's: the strictly lowest score, or an invalid first one, kept in memory as {@code InMemoryModelSaver} keeps
 * it. Epochs are 1-based here (DL4J's epoch k is epoch k + 1). Modifies only its own record; {@link #restoreBest()}
 * sets the network to the best parameters.
 */
public final class Dl4jStoppingRule {
    private final MultiLayerNetwork net;
    private final DataSetLossCalculator scores;
    private final List<EpochTerminationCondition> conditions;
    private final int evaluateEvery;
    private double bestScore = Double.MAX_VALUE;
    private int bestEpoch = -1;
    private INDArray bestParameters;
    private int stoppedAfter = -1;
    private String reason;

    /** The rule for {@code trainer}'s network, scoring the examples of {@code validation} (one batch of them all). */
    public Dl4jStoppingRule(Dl4jTrainer trainer, Batch validation, int patience, double minDelta, int maxEpochs,
                            int evaluateEvery) {
        this.net = trainer.network();
        DataSetIterator examples = new Dl4jEarlyStopping.PlannedIterator(epoch -> List.of(validation), net);
        this.scores = new DataSetLossCalculator(examples, true);
        this.conditions = List.of(new MaxEpochsTerminationCondition(maxEpochs),
                new ScoreImprovementEpochTerminationCondition(patience, minDelta));
        this.conditions.forEach(EpochTerminationCondition::initialize);
        this.evaluateEvery = evaluateEvery;
    }

    /**
     * After epoch {@code epoch} (1-based): on an evaluated epoch, scores the network, keeps its parameters when they are
     * the best so far and asks the termination conditions. Returns true when DL4J stops here.
     */
    public boolean afterEpoch(int epoch) {
        int dl4jEpoch = epoch - 1;
        if (stopped()) {
            throw new IllegalStateException("DL4J's early stopping already stopped after epoch " + stoppedAfter);
        }
        if (!((dl4jEpoch == 0 && evaluateEvery == 1) || dl4jEpoch % evaluateEvery == 0)) {
            return false;
        }
        double score = scores.calculateScore(net);
        boolean invalid = Double.isNaN(score) || Double.isInfinite(score);
        if (score < bestScore || (bestEpoch == -1 && invalid)) {
            bestScore = score;
            bestEpoch = epoch;
            bestParameters = net.params().dup();
        }
        for (EpochTerminationCondition c : conditions) {
            if (c.terminate(dl4jEpoch, score, scores.minimizeScore())) {
                stoppedAfter = epoch;
                reason = c.toString();
                return true;
            }
        }
        return false;
    }

    public boolean stopped() {
        return stoppedAfter != -1;
    }

    /** The epoch (1-based) DL4J stopped after, or -1. */
    public int stoppedAfter() {
        return stoppedAfter;
    }

    /** The epoch (1-based) of the best score so far, or -1 before the first evaluation. */
    public int bestEpoch() {
        return bestEpoch;
    }

    /** The termination condition that stopped DL4J, as it prints itself, or null. */
    public String reason() {
        return reason;
    }

    /** Sets the network's parameters to the best ones kept (no change before the first evaluation). */
    public void restoreBest() {
        if (bestParameters != null) {
            net.setParams(bestParameters);
        }
    }
}
