package lockstep.golden;

import java.util.List;
import java.util.Map;
import lockstep.comparison.StepSnapshot;
import lockstep.data.EpochPlan;
import lockstep.linalg.DType;
import lockstep.rand.MaskSource;
import lockstep.spec.RunSpec;

/**
 * One recorded reference run, in memory: what {@code reference-data/NAME/} holds (see
 * {@link ScenarioFiles} for the files). Parameters and updater state are row-major doubles keyed
 * like the harness's ({@code "0_W"}, {@code "0_W/M"}).
 *
 * @param batches            the example indices of every step's mini-batch, steps 1..N in order
 * @param losses             DL4J's score at every step (before the update)
 * @param storedSteps        the steps whose full outcome is kept, ascending (every step when
 *                           {@code checkpointEvery} is 1; otherwise 1, K, 2K, ... and the last)
 * @param initialState       the updater state before the first step (DL4J's)
 * @param dropoutMasks       per layer with dropout, the arrays its DL4J dropout drew for its input at every step:
 *                           row-major [N, B, nIn] (Dropout's 0 or 1/p, GaussianDropout's and GaussianNoise's noise,
 *                           AlphaDropout's 0 or 1; rows past a short last batch are 0), so that a replay needs
 *                           no random generator; empty without dropout
 */
public record GoldenScenario(String name, String description, RunSpec spec, int checkpointEvery,
                             Map<String, int[]> parameterShapes, List<String> updaterStateKeys,
                             Map<String, double[]> initialParameters, Map<String, double[]> initialState,
                             List<int[]> batches, double[] losses, List<StoredStep> storedSteps,
                             Map<Integer, double[]> dropoutMasks, DatasetFingerprint dataset, Provenance provenance) {

    /**
     * The outcome of one stored step and, when the step before it is not stored (and it is not the
     * first), the parameters and updater state it started from ({@code before}; null otherwise).
     */
    public record StoredStep(int step, State before, StepSnapshot snapshot) {
    }

    /** Parameters and updater state at one moment. */
    public record State(Map<String, double[]> parameters, Map<String, double[]> updaterState) {
    }

    /** Where and with what a scenario was recorded. */
    public record Provenance(String library, String version, int ompNumThreads, String javaVersion,
                             String javaVendor, String os, String createdAt) {
    }

    public DType dataType() {
        return spec.training().dataType();
    }

    /** N, the number of steps recorded. */
    public int steps() {
        return batches.size();
    }

    public int stepsPerEpoch(int datasetSize) {
        return EpochPlan.stepsPerEpoch(spec.training(), datasetSize);
    }

    /**
     * The recorded masks as a mask source for a replay: layer {@code l}'s mask at iteration t (0-based) is step t+1's
     * [B_t, nIn] rows of {@link #dropoutMasks()}.
     */
    public MaskSource maskSource() {
        int b = spec.training().batchSize();
        return (layer, iteration, rows, cols) -> {
            double[] all = dropoutMasks.get(layer);
            if (all == null || iteration >= steps() || rows != batches.get(iteration).length) {
                throw new IllegalArgumentException("no recorded mask for layer " + layer + " at iteration " + iteration
                        + " with " + rows + " rows");
            }
            double[] out = new double[rows * cols];
            System.arraycopy(all, iteration * b * cols, out, 0, rows * cols);
            return out;
        };
    }

    /** The stored steps as plain numbers. */
    public int[] storedStepNumbers() {
        return storedSteps.stream().mapToInt(StoredStep::step).toArray();
    }

    /** The steps stored when {@code steps} are recorded with checkpoints every {@code k}: 1, k, 2k, ... and the last. */
    public static boolean isStored(int step, int k, int steps) {
        return step == 1 || step % k == 0 || step == steps;
    }

    /** The state a stored step starts from: the initial state, the previous stored step's outcome, or its own {@code before}. */
    public State anchorOf(int index) {
        StoredStep s = storedSteps.get(index);
        if (s.before() != null) {
            return s.before();
        }
        if (s.step() == 1) {
            return new State(initialParameters, initialState);
        }
        StoredStep previous = storedSteps.get(index - 1);
        if (previous.step() != s.step() - 1) {
            throw new IllegalStateException("stored step " + s.step() + " has no anchor");
        }
        return new State(previous.snapshot().parameters(), previous.snapshot().updaterState());
    }
}
