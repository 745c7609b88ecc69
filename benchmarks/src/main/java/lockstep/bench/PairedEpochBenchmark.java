package lockstep.bench;

import java.util.concurrent.TimeUnit;
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
 * The Fashion-MNIST-shaped epoch's DL4J/engine ratio from paired measurements ({@link PairedClock}): one operation
 * is {@link EpochBenchmark}'s whole epoch (469 steps of B128 over 60,000 random examples) from the initial weights,
 * the reset untimed. An iteration of 1 s holds one epoch or a few; 3 forks x 6 measured iterations give 9 pairs.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 6, time = 1)
@Fork(value = 3, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx6g",
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class PairedEpochBenchmark {

    @State(Scope.Benchmark)
    public static class Epoch {
        @Param({"784-256(relu)-10/B128"})
        public String network;

        TrainingPair pair;

        @Setup(Level.Trial)
        public void build() {
            pair = TrainingPair.forEpochBenchmark(network);
        }
    }

    @Benchmark
    public double epoch(Epoch e, PairedClock clock) {
        boolean engine = clock.engineTurn();
        if (engine) {
            e.pair.resetEngine();
        } else {
            e.pair.resetDl4j();
        }
        long t0 = System.nanoTime();
        double sum = engine ? e.pair.engineEpoch() : e.pair.dl4jEpoch();
        clock.add(System.nanoTime() - t0);
        return sum;
    }
}
