package lockstep.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lockstep.comparison.Tolerance;
import lockstep.comparison.TolerancePolicy;
import lockstep.data.Batch;
import lockstep.data.EpochLoop;
import lockstep.dl4j.Dl4jTrainer;
import lockstep.dl4j.Nd4jRuntime;
import lockstep.engine.EngineComponents;
import lockstep.engine.Network;
import lockstep.engine.NetworkBuilder;
import lockstep.engine.Parameter;
import lockstep.engine.train.MiniBatchStep;
import lockstep.linalg.DType;
import lockstep.linalg.FMatrix;
import lockstep.linalg.Matrix;
import lockstep.rand.SplitMix64;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One network built twice in FLOAT, as the engine's {@link MiniBatchStep} and as DL4J's
 * MultiLayerNetwork, from the same initial weights (the engine's seeded draw, copied into DL4J), with
 * the same random mini-batches on both sides (features U[0,1), random one-hot labels), both on
 * {@link Nd4jRuntime#threadCount()} threads (OMP_NUM_THREADS). Everything a
 * timed step needs is made here, before timing. Not thread-safe.
 */
final class TrainingPair {
    private final Mlp mlp;
    private final MiniBatchStep engine;
    private final MultiLayerNetwork dl4j;
    private final List<Batch> engineBatches = new ArrayList<>();
    private final List<DataSet> dl4jBatches = new ArrayList<>();
    private final List<int[]> batchIndices = new ArrayList<>();
    private final Matrix[] engineInitial;
    private final INDArray dl4jInitial;

    /**
     * @param examples how many random examples, cut into batches of {@code mlp.batch()} in order (the
     *                 last one shorter when it does not divide)
     */
    TrainingPair(Mlp mlp, int examples, long seed) {
        this.mlp = mlp;
        EngineComponents components = EngineComponents.withThreads(Nd4jRuntime.threadCount());   // DL4J's count
        Network network = NetworkBuilder.build(mlp.spec(), DType.FLOAT, seed, components);
        this.engine = new MiniBatchStep(network, components.optimizer(mlp.spec()));
        Dl4jTrainer trainer = new Dl4jTrainer(mlp.spec(), DType.FLOAT, seed);   // pins ND4J's threads
        Map<String, double[]> weights = new LinkedHashMap<>();
        for (Parameter p : network.parameters()) {
            weights.put(p.name(), p.value().toDoubleArray());
        }
        trainer.setParameters(weights);
        this.dl4j = trainer.network();
        this.engineInitial = new Matrix[network.parameters().size()];
        for (int i = 0; i < engineInitial.length; i++) {
            engineInitial[i] = network.parameters().get(i).value().copy();
        }
        this.dl4jInitial = dl4j.params().dup();
        SplitMix64 random = SplitMix64.stream(seed, 0xBE7C4L);
        for (int start = 0; start < examples; start += mlp.batch()) {
            int rows = Math.min(mlp.batch(), examples - start);
            FMatrix x = new FMatrix(rows, mlp.inputs());
            FMatrix y = new FMatrix(rows, mlp.classes());
            int[] indices = new int[rows];
            for (int r = 0; r < rows; r++) {
                indices[r] = start + r;
                for (int c = 0; c < mlp.inputs(); c++) {
                    x.set(r * mlp.inputs() + c, (float) random.nextDouble());
                }
                y.set(r * mlp.classes() + random.nextInt(mlp.classes()), 1.0f);
            }
            engineBatches.add(new Batch(indices, x, y));
            batchIndices.add(indices);
            dl4jBatches.add(new DataSet(Nd4j.create(x.toFloatArray(), new long[] {rows, mlp.inputs()}, 'c'),
                    Nd4j.create(y.toFloatArray(), new long[] {rows, mlp.classes()}, 'c')));
        }
    }

    /**
     * The train-step benchmarks' pair ({@link TrainingStepBenchmark}, {@link PairedStepBenchmark}): {@code network}'s
     * {@link TrainingStepBenchmark#BATCHES} batches from seed 42, both sides checked to agree before timing.
     */
    static TrainingPair forStepBenchmark(String network) {
        Mlp mlp = Mlp.parse(network);
        TrainingPair pair = new TrainingPair(mlp, TrainingStepBenchmark.BATCHES * mlp.batch(), 42);
        pair.checkSameLosses();
        return pair;
    }

    /** The epoch benchmarks' pair: {@link EpochBenchmark#EXAMPLES} examples of {@code network} from seed 42, checked. */
    static TrainingPair forEpochBenchmark(String network) {
        TrainingPair pair = new TrainingPair(Mlp.parse(network), EpochBenchmark.EXAMPLES, 42);
        pair.checkSameLosses();
        return pair;
    }

    Mlp mlp() {
        return mlp;
    }

    int batches() {
        return engineBatches.size();
    }

    /** One engine training step on batch {@code i}; returns its loss (before the update). */
    double engineStep(int i) {
        return engine.step(engineBatches.get(i));
    }

    /** One engine epoch through lockstep's epoch loop: a step on every batch in order; returns the sum of the losses. */
    double engineEpoch() {
        return epoch(this::engineStep);
    }

    /** One DL4J epoch through the same loop: {@code fit} on every batch in order; returns the sum of the scores. */
    double dl4jEpoch() {
        return epoch(this::dl4jStep);
    }

    /** One epoch of {@link EpochLoop} over the batches as cut (the plan: each batch's example indices, in order). */
    private double epoch(java.util.function.IntToDoubleFunction step) {
        double[] sum = {0};
        EpochLoop.run(epoch -> batchIndices, 1, (epoch, s, globalStep, examples) -> {
            sum[0] += step.applyAsDouble(s - 1);
            return true;
        });
        return sum[0];
    }

    /** One DL4J training step, {@code fit(DataSet)}, on batch {@code i}; returns its score (before the update). */
    double dl4jStep(int i) {
        dl4j.fit(dl4jBatches.get(i));
        return dl4j.score();
    }

    /**
     * Before anything is timed: two steps on each side, on batches 0 and 1 (0 twice if there is only
     * one), must give the same losses within the FLOAT step tolerance (the second loss also checks
     * that the first update agreed). Then both sides go back to their initial weights. Throws,
     * naming the step and both losses, otherwise.
     */
    void checkSameLosses() {
        Tolerance tolerance = TolerancePolicy.FLOAT.step();
        for (int s = 0; s < 2; s++) {
            int b = Math.min(s, batches() - 1);
            double e = engineStep(b);
            double d = dl4jStep(b);
            double error = tolerance.error(e, d, Math.abs(d));
            if (!tolerance.passes(error)) {
                throw new IllegalStateException(mlp.name() + ": engine and DL4J disagree at step " + (s + 1)
                        + " on batch " + b + ": loss engine " + e + ", DL4J " + d + " (error " + error
                        + " > FLOAT tolerance " + tolerance.relative() + "); nothing is timed");
            }
        }
        reset();
    }

    /** Both sides back to the initial weights (SGD keeps no other state). */
    void reset() {
        resetEngine();
        resetDl4j();
    }

    /** The engine back to its initial weights; allocates nothing. */
    void resetEngine() {
        List<Parameter> parameters = engine.network().parameters();
        for (int i = 0; i < engineInitial.length; i++) {
            parameters.get(i).value().copyFrom(engineInitial[i]);
        }
    }

    /** DL4J back to its initial weights. */
    void resetDl4j() {
        dl4j.setParams(dl4jInitial);
    }

    /** Back to the initial weights on the side a benchmark method times (JMH's benchmark name ends in .engine or .dl4j). */
    void resetFor(String benchmark) {
        if (benchmark.endsWith(".engine")) {
            resetEngine();
        } else {
            resetDl4j();
        }
    }
}
