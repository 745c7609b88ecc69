package lockstep.harness;

import java.util.LinkedHashMap;
import java.util.Map;
import lockstep.comparison.StepSnapshot;
import lockstep.data.Batch;
import lockstep.dl4j.Dl4jStep;
import lockstep.dl4j.Dl4jTrainer;
import lockstep.spec.ParameterKey;

/**
 * DL4J as a lockstep {@link Trainer}. DL4J's raw gradient is the SUM over the batch (its updater
 * divides by B later), so it is divided by B here to compare with the gradient of the batch-mean loss.
 */
public final class Dl4jSideTrainer implements Trainer {
    private final Dl4jTrainer dl4j;

    public Dl4jSideTrainer(Dl4jTrainer dl4j) {
        this.dl4j = dl4j;
    }

    @Override
    public String name() {
        return "dl4j";
    }

    @Override
    public Map<String, double[]> parameters() {
        return dl4j.parameters();
    }

    @Override
    public Map<String, int[]> parameterShapes() {
        return dl4j.parameterShapes();   // DL4J's own, never the engine's
    }

    @Override
    public void setParameters(Map<String, double[]> values) {
        dl4j.setParameters(values);
    }

    @Override
    public void setEpoch(int epoch) {
        dl4j.setEpoch(epoch);
    }

    @Override
    public Map<String, double[]> updaterState() {
        return dl4j.updaterState();
    }

    @Override
    public void setUpdaterState(Map<String, double[]> state) {
        dl4j.setUpdaterState(state);
    }

    @Override
    public Map<String, double[]> dropoutMasks() {
        Map<String, double[]> out = new LinkedHashMap<>();
        dl4j.lastMasks().forEach((layer, mask) -> out.put(ParameterKey.dropoutName(layer), mask));
        return out;
    }

    @Override
    public Map<String, double[]> droppedInputs() {
        Map<String, double[]> out = new LinkedHashMap<>();
        dl4j.lastDroppedInputs().forEach((layer, x) -> out.put(ParameterKey.dropoutName(layer), x));
        return out;
    }

    @Override
    public StepSnapshot step(Batch batch) {
        int b = batch.size();
        return snapshot(dl4j.step(batch.features().toDoubleArray(), batch.labels().toDoubleArray(), b), b);
    }

    /**
     * DL4J's step on {@code batch} with its gradient replaced by {@code meanGradients} (the batch-mean gradients of another
     * side, times B into DL4J's sum): what DL4J's gradient normalisation, regularisation and updater make of that
     * gradient. Modifies the network as {@link #step} does.
     */
    public StepSnapshot stepWithGradient(Batch batch, Map<String, double[]> meanGradients) {
        int b = batch.size();
        Map<String, double[]> sums = new LinkedHashMap<>();
        meanGradients.forEach((k, mean) -> sums.put(k, times(mean, perExample(k, b))));
        return snapshot(dl4j.stepWithGradient(batch.features().toDoubleArray(), batch.labels().toDoubleArray(), b, sums), b);
    }

    private static StepSnapshot snapshot(Dl4jStep s, int b) {
        Map<String, double[]> meanGradients = new LinkedHashMap<>();
        s.rawGradients().forEach((k, sum) -> meanGradients.put(k, dividedBy(sum, perExample(k, b))));
        return new StepSnapshot(s.score(), meanGradients, s.updates(), s.parameters(), s.updaterState());
    }

    /**
     * B for a gradient DL4J sums over the batch; 1 for batch normalisation's running statistics, whose "gradient" is
     * the amount its no-op updater subtracts as it is.
     */
    private static int perExample(String parameter, int b) {
        return ParameterKey.parse(parameter).isRunningStatistic() ? 1 : b;
    }

    private static double[] times(double[] x, int b) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] * b;
        }
        return out;
    }

    private static double[] dividedBy(double[] x, int b) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] / b;
        }
        return out;
    }
}
