package lockstep.dl4j;

import lockstep.rand.MaskSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import lockstep.data.Batch;
import lockstep.linalg.DType;
import lockstep.spec.NetworkSpec;
import org.deeplearning4j.earlystopping.EarlyStoppingConfiguration;
import org.deeplearning4j.earlystopping.EarlyStoppingResult;
import org.deeplearning4j.earlystopping.saver.InMemoryModelSaver;
import org.deeplearning4j.earlystopping.scorecalc.DataSetLossCalculator;
import org.deeplearning4j.earlystopping.scorecalc.ScoreCalculator;
import org.deeplearning4j.earlystopping.termination.MaxEpochsTerminationCondition;
import org.deeplearning4j.earlystopping.termination.ScoreImprovementEpochTerminationCondition;
import org.deeplearning4j.earlystopping.trainer.EarlyStoppingTrainer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * DL4J's own early stopping, run as a DL4J user runs it: an {@code EarlyStoppingTrainer} with
 * {@code MaxEpochsTerminationCondition(maxEpochs)} and {@code ScoreImprovementEpochTerminationCondition(patience,
 * minDelta)} (in that order), a {@code DataSetLossCalculator} (average) on the validation examples, an
 * {@code InMemoryModelSaver} and {@code evaluateEveryNEpochs(N)}. It trains on the lockstep run's batches: a
 * {@link PlannedIterator} hands out, epoch after epoch, exactly the batches the harness gives both sides (it
 * supports no asynchronous prefetch, so the trainer does not wrap it in an AsyncDataSetIterator).
 */
public final class Dl4jEarlyStopping {
    private Dl4jEarlyStopping() {
    }

    /** Which termination condition ended the run. */
    public enum Condition {
        MAX_EPOCHS, SCORE_IMPROVEMENT, OTHER
    }

    /**
     * What {@code EarlyStoppingTrainer.fit()} returned, as DL4J reports it (epochs numbered from 0).
     *
     * @param scoreVsEpoch       {@code getScoreVsEpoch()}: the validation score of each evaluated epoch
     * @param bestModelEpoch     {@code getBestModelEpoch()}
     * @param bestModelScore     {@code getBestModelScore()} as it reads (0.0 with an InMemoryModelSaver: see README)
     * @param totalEpochs        {@code getTotalEpochs()}
     * @param terminationReason  {@code getTerminationReason()} (e.g. EpochTerminationCondition)
     * @param terminationDetails {@code getTerminationDetails()}: the condition's toString()
     * @param condition          the condition those details name
     * @param bestParameters     the parameters of {@code getBestModel()}, row-major, keyed 0_W, 0_b, ...
     * @param epochsTrained      the epochs the iterator handed out (DL4J's own count of what it trained)
     */
    public record Outcome(Map<Integer, Double> scoreVsEpoch, int bestModelEpoch, double bestModelScore, int totalEpochs,
                          String terminationReason, String terminationDetails, Condition condition,
                          Map<String, double[]> bestParameters, int epochsTrained) {
    }

    /**
     * Trains a network of {@code spec} from {@code initialParameters} with DL4J's EarlyStoppingTrainer on the batches
     * {@code epochBatches} gives for each epoch (1-based), scoring {@code validation} after evaluated epochs.
     */
    public static Outcome run(NetworkSpec spec, DType dtype, long seed, MaskSource masks, Map<String, double[]> initialParameters,
                              IntFunction<List<Batch>> epochBatches, Batch validation, int patience, double minDelta,
                              int maxEpochs, int evaluateEvery) {
        Dl4jTrainer trainer = new Dl4jTrainer(spec, dtype, seed, masks);
        trainer.setParameters(initialParameters);
        MultiLayerNetwork net = trainer.network();
        DataSetIterator validationData = new PlannedIterator(epoch -> List.of(validation), net);
        return run(net, epochBatches, new DataSetLossCalculator(validationData, true), patience, minDelta, maxEpochs,
                evaluateEvery);
    }

    /** As above with any score calculator (tests give a scripted one) on an already built network. */
    static Outcome run(MultiLayerNetwork net, IntFunction<List<Batch>> epochBatches, ScoreCalculator<? extends Model> scores,
                       int patience, double minDelta, int maxEpochs, int evaluateEvery) {
        Nd4jRuntime.init();
        EarlyStoppingConfiguration<MultiLayerNetwork> config = new EarlyStoppingConfiguration.Builder<MultiLayerNetwork>()
                .epochTerminationConditions(new MaxEpochsTerminationCondition(maxEpochs),
                        new ScoreImprovementEpochTerminationCondition(patience, minDelta))
                .scoreCalculator((ScoreCalculator<?>) scores)
                .evaluateEveryNEpochs(evaluateEvery)
                .modelSaver(new InMemoryModelSaver<>())
                .build();
        PlannedIterator training = new PlannedIterator(epochBatches, net);
        EarlyStoppingResult<MultiLayerNetwork> r = new EarlyStoppingTrainer(config, net, training).fit();
        String details = r.getTerminationDetails();
        Condition condition = details == null ? Condition.OTHER
                : details.startsWith("MaxEpochsTerminationCondition") ? Condition.MAX_EPOCHS
                : details.startsWith("ScoreImprovementEpochTerminationCondition") ? Condition.SCORE_IMPROVEMENT
                : Condition.OTHER;
        return new Outcome(new LinkedHashMap<>(r.getScoreVsEpoch()), r.getBestModelEpoch(), r.getBestModelScore(),
                r.getTotalEpochs(), String.valueOf(r.getTerminationReason()), details, condition,
                parameters(r.getBestModel()), training.epoch());
    }

    /** Every parameter of a network as row-major doubles, in DL4J's key order. */
    static Map<String, double[]> parameters(Model model) {
        Map<String, double[]> out = new LinkedHashMap<>();
        if (model == null) {
            return out;
        }
        for (Map.Entry<String, INDArray> e : model.paramTable().entrySet()) {
            out.put(e.getKey(), e.getValue().castTo(DataType.DOUBLE).dup('c').data().asDouble());
        }
        return out;
    }

    /**
     * A DataSetIterator over a batch plan: each {@code reset()} starts the next epoch (the trainer resets before
     * every epoch, the first included) and hands out that epoch's batches as they are, the partial last one too.
     * No asynchronous prefetch ({@code asyncSupported() = false}), so the early-stopping trainer uses it directly.
     */
    static final class PlannedIterator implements DataSetIterator {
        private static final long serialVersionUID = 1L;
        private final transient IntFunction<List<Batch>> plan;
        private final transient MultiLayerNetwork net;
        private transient List<Batch> current = new ArrayList<>();
        private int epoch;
        private int cursor;

        PlannedIterator(IntFunction<List<Batch>> plan, MultiLayerNetwork net) {
            this.plan = plan;
            this.net = net;
        }

        /** The epochs started so far (1-based number of the current one). */
        int epoch() {
            return epoch;
        }

        @Override
        public boolean hasNext() {
            return cursor < current.size();
        }

        @Override
        public DataSet next() {
            Batch b = current.get(cursor++);
            return Dl4jValidation.dataSet(net, b.features().toDoubleArray(), b.labels().toDoubleArray(), b.size());
        }

        @Override
        public DataSet next(int num) {
            throw new UnsupportedOperationException("the batch plan decides the batch sizes");
        }

        @Override
        public void reset() {
            epoch++;
            current = plan.apply(epoch);
            cursor = 0;
        }

        @Override
        public boolean resetSupported() {
            return true;
        }

        @Override
        public boolean asyncSupported() {
            return false;
        }

        @Override
        public int inputColumns() {
            return current.isEmpty() ? 0 : current.get(0).features().cols();
        }

        @Override
        public int totalOutcomes() {
            return current.isEmpty() ? 0 : current.get(0).labels().cols();
        }

        @Override
        public int batch() {
            return current.isEmpty() ? 0 : current.get(0).size();
        }

        @Override
        public void setPreProcessor(DataSetPreProcessor preProcessor) {
            throw new UnsupportedOperationException("the batch plan is handed out as it is");
        }

        @Override
        public DataSetPreProcessor getPreProcessor() {
            return null;
        }

        @Override
        public List<String> getLabels() {
            return null;
        }
    }
}
