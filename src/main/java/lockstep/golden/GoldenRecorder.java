package lockstep.golden;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lockstep.LockstepException;
import lockstep.comparison.StepSnapshot;
import lockstep.data.Dataset;
import lockstep.data.Datasets;
import lockstep.data.EpochLoop;
import lockstep.data.EpochPlan;
import lockstep.dl4j.Dl4jEpochOrder;
import lockstep.dl4j.Dl4jTrainer;
import lockstep.dl4j.Nd4jRuntime;
import lockstep.harness.Dl4jSideTrainer;
import lockstep.harness.LockstepRun;
import lockstep.harness.Trainer;
import lockstep.linalg.DType;
import lockstep.spec.LabelEncoding;
import lockstep.spec.RunSpec;
import lockstep.spec.SpecValidator;

/**
 * Records a reference run from DL4J, which does everything itself from the spec's seed: its own initial
 * parameters ({@code MultiLayerNetwork.init()}), its own batches ({@code DataSet.shuffle(seed + epoch)} and
 * {@code batchBy}, {@link Dl4jEpochOrder}) and its own dropout masks or noise (the stock dropout classes, kept with the run). What is stored is what DL4J held and
 * did: the initial parameters as DL4J received them and its initial updater state, every step's batch
 * and score, and the full outcome (gradient of the batch-mean loss, update, parameters and updater
 * state after the step) of the stored steps.
 */
public final class GoldenRecorder {
    private GoldenRecorder() {
    }

    /** Records {@code spec} in memory; {@link ScenarioFiles#write} puts it on disk. */
    public static GoldenScenario record(RunSpec spec, String name, String description, int checkpointEvery) {
        if (checkpointEvery < 1) {
            throw new LockstepException("--checkpoint-every: must be at least 1, got " + checkpointEvery);
        }
        SpecValidator.validate(spec);
        Dataset data = Datasets.load(spec.data());
        LockstepRun.checkDataFits(spec.network(), data);
        DType dtype = spec.training().dataType();
        long seed = spec.training().seed();
        int batchSize = spec.training().batchSize();
        LabelEncoding labels = spec.network().loss().labels();

        Dl4jTrainer network = new Dl4jTrainer(spec.network(), dtype, seed);   // its own initial draw and dropout
        Trainer dl4j = new Dl4jSideTrainer(network);
        Map<String, int[]> shapes = dl4j.parameterShapes();                   // DL4J's own: no engine takes part
        Map<String, double[]> initial = dl4j.parameters();
        Map<String, double[]> initialState = dl4j.updaterState();

        int perEpoch = EpochPlan.stepsPerEpoch(spec.training(), data.size());
        int steps = spec.training().epochs() * perEpoch;
        Dl4jEpochOrder order = new Dl4jEpochOrder(data.size(), seed, spec.training().shuffle());   // DataSet.shuffle, batchBy
        Map<Integer, double[]> masks = new java.util.TreeMap<>();
        for (int l = 0; l < spec.network().layers().size(); l++) {
            if (spec.network().layers().get(l).dropout() != null) {
                masks.put(l, new double[steps * batchSize * spec.network().layers().get(l).nIn()]);
            }
        }
        List<int[]> batches = new ArrayList<>();
        double[] losses = new double[steps];
        List<GoldenScenario.StoredStep> stored = new ArrayList<>();
        GoldenScenario.State[] previous = {new GoldenScenario.State(initial, initialState)};
        EpochLoop.run(epoch -> order.nextEpoch(batchSize, spec.training().dropLast()), spec.training().epochs(),
                new EpochLoop.Body() {
                    @Override
                    public boolean startEpoch(int epoch, List<int[]> epochBatches) {
                        dl4j.setEpoch(epoch - 1);   // epoch-based schedules read DL4J's epoch counter
                        return true;
                    }

                    @Override
                    public boolean step(int epoch, int s, int step, int[] batch) {
                        batches.add(batch);
                        StepSnapshot snapshot = dl4j.step(data.batch(batch, dtype, labels));
                        for (Map.Entry<Integer, double[]> m : network.lastMasks().entrySet()) {
                            int width = spec.network().layers().get(m.getKey()).nIn();
                            System.arraycopy(m.getValue(), 0, masks.get(m.getKey()), (step - 1) * batchSize * width,
                                    m.getValue().length);
                        }
                        losses[step - 1] = snapshot.loss();
                        if (GoldenScenario.isStored(step, checkpointEvery, steps)) {
                            boolean previousStored = step == 1 || GoldenScenario.isStored(step - 1, checkpointEvery, steps);
                            stored.add(new GoldenScenario.StoredStep(step, previousStored ? null : previous[0], snapshot));
                        }
                        previous[0] = new GoldenScenario.State(snapshot.parameters(), snapshot.updaterState());
                        return true;
                    }
                });
        return new GoldenScenario(name, description == null ? "" : description, spec, checkpointEvery, shapes,
                List.copyOf(initialState.keySet()), initial, initialState, batches, losses, stored, masks,
                DatasetFingerprint.of(data), provenance());
    }

    /** DL4J's version, the pinned thread count, the JVM and the time. */
    static GoldenScenario.Provenance provenance() {
        return new GoldenScenario.Provenance("deeplearning4j", Nd4jRuntime.version(), Nd4jRuntime.threadCount(),
                System.getProperty("java.version"), System.getProperty("java.vendor") + " ("
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version") + ")",
                System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    }
}
