package lockstep.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import lockstep.comparison.TolerancePolicy;
import lockstep.data.Batch;
import lockstep.data.Dataset;
import lockstep.data.Datasets;
import lockstep.dl4j.Dl4jTrainer;
import lockstep.dl4j.Nd4jRuntime;
import lockstep.engine.EngineComponents;
import lockstep.harness.LockstepRun;
import lockstep.linalg.DType;
import lockstep.spec.DataSpec;
import lockstep.spec.RunSpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The oracle's own cost: a whole {@code compare} ({@link LockstepRun}, DOUBLE, {@value #EPOCHS} epochs: DL4J, the
 * anchored and the free engine, every step compared) against DL4J's bare {@code fit} of the same number of batches
 * of the same size, each from a new network. The ratio compare/fit - 1 is what the harness and the engine add to
 * DL4J's own training: copies, diffs, bookkeeping and two engine steps per step. Iris (4-16-3, B16, 10 steps an
 * epoch) and the first 1,280 Fashion-MNIST images (784-128-10, B128, 10 steps an epoch). Paired
 * ({@link PairedClock}): the compare takes the engine's turns, the bare fit the other side's; 3 forks x 6 measured
 * iterations give 9 samples of compare/fit.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 6, time = 2)
@Fork(value = 3, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector,jdk.incubator.foreign",
        "--enable-native-access=ALL-UNNAMED", "-Xmx4g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class OracleBenchmark {
    static final int EPOCHS = 5;

    @State(Scope.Benchmark)
    public static class Run {
        @Param({"4-16(tanh)-3/B16", "784-128(relu)-10/B128"})
        public String network;

        RunSpec spec;
        Dataset data;
        final List<Batch> batches = new ArrayList<>();

        @Setup(Level.Trial)
        public void load() {
            Mlp mlp = Mlp.parse(network);
            DataSpec source = mlp.inputs() == 4 ? DataSpec.iris() : DataSpec.fashionMnist(null, 1280, 100);
            spec = new RunSpec(source, mlp.spec(), RunSpec.irisDefault().training().withDataType(DType.DOUBLE)
                    .withBatchSize(mlp.batch()).withEpochs(EPOCHS));
            data = Datasets.load(source);
            for (int start = 0; start + mlp.batch() <= data.size(); start += mlp.batch()) {
                int[] rows = new int[mlp.batch()];
                for (int r = 0; r < rows.length; r++) {
                    rows[r] = start + r;
                }
                batches.add(data.batch(rows, DType.DOUBLE));
            }
            if (!compareOnce().passed()) {
                throw new IllegalStateException(network + ": compare does not pass; nothing is timed");
            }
        }

        lockstep.harness.LockstepResult compareOnce() {
            return new LockstepRun(spec, data, EngineComponents.withThreads(Nd4jRuntime.threadCount()), TolerancePolicy.DOUBLE)
                    .run(e -> { });
        }

        double fitOnce() {
            Dl4jTrainer dl4j = new Dl4jTrainer(spec.network(), DType.DOUBLE, spec.training().seed());
            double score = 0;
            for (int epoch = 0; epoch < EPOCHS; epoch++) {
                for (Batch b : batches) {
                    score += dl4j.fit(b.features().toDoubleArray(), b.labels().toDoubleArray(), b.size());
                }
            }
            return score;
        }
    }

    /** The "engine" side of the pair is the compare, the other side DL4J's bare fit. */
    @Benchmark
    public double compareOrFit(Run r, PairedClock clock) {
        long t0 = System.nanoTime();
        double out = clock.engineTurn() ? r.compareOnce().steps() : r.fitOnce();
        clock.add(System.nanoTime() - t0);
        return out;
    }
}
