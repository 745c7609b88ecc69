package lockstep.harness;

import java.util.LinkedHashMap;
import java.util.Map;
import lockstep.data.Batch;
import lockstep.dl4j.Dl4jStep;
import lockstep.dl4j.Dl4jTrainer;

/**
 * DL4J as a lockstep {@link Trainer}. DL4J's raw gradient is the SUM over the batch (its updater
 * divides by B later), so it is divided by B here to compare with the gradient of the batch-mean loss.
 */
public final class Dl4jSideTrainer implements Trainer {
    private final Dl4jTrainer dl4j;
    private final Map<String, int[]> shapes;

    public Dl4jSideTrainer(Dl4jTrainer dl4j, Map<String, int[]> shapes) {
        this.dl4j = dl4j;
        this.shapes = shapes;
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
        return shapes;
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
        dl4j.lastMasks().forEach((layer, mask) -> out.put(layer + "_dropout", mask));
        return out;
    }

    @Override
    public Map<String, double[]> droppedInputs() {
        Map<String, double[]> out = new LinkedHashMap<>();
        dl4j.lastDroppedInputs().forEach((layer, x) -> out.put(layer + "_dropout", x));
        return out;
    }

    @Override
    public StepSnapshot step(Batch batch) {
        int b = batch.size();
        Dl4jStep s = dl4j.step(batch.features().toDoubleArray(), batch.labels().toDoubleArray(), b);
        Map<String, double[]> meanGradients = new LinkedHashMap<>();
        s.rawGradients().forEach((k, sum) -> {
            double[] mean = new double[sum.length];
            for (int i = 0; i < sum.length; i++) {
                mean[i] = sum[i] / b;
            }
            meanGradients.put(k, mean);
        });
        return new StepSnapshot(s.score(), meanGradients, s.updates(), s.parameters(), s.updaterState());
    }
}
