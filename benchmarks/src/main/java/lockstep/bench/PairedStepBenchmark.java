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
 * The train step's DL4J/engine ratio from paired measurements ({@link PairedClock}): iterations alternate between
 * the sides and an adjacent engine and DL4J iteration give one sample of the ratio of mean step times. Per call the sides
 * are not mixed: a step of one between steps of the other runs several times slower (its caches and the other's
 * spinning threads), which is not the speed either has. 3 forks x 6 measured iterations give 9 pairs; ResultsTable
 * prints their mean and its 95% interval. Networks and batches are {@link TrainingStepBenchmark}'s; each iteration
 * starts from the initial weights again. Ten warmup iterations, five a side: DL4J's Java code takes seconds to
 * reach its steady speed.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 6, time = 1)
@Fork(value = 3, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx4g",
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class PairedStepBenchmark {

    @State(Scope.Benchmark)
    public static class Networks {
        @Param({"4-16(tanh)-3/B16", "784-128(relu)-10/B128", "784-512(relu)-256(relu)-10/B128",
                "1024-1024(relu)-10/B256", "lenet/B64"})
        public String network;

        TrainingPair pair;
        int next;

        @Setup(Level.Trial)
        public void build() {
            pair = TrainingPair.forStepBenchmark(network);
        }

        /** Every iteration from the initial weights and the first batch. */
        @Setup(Level.Iteration)
        public void restart() {
            pair.reset();
            next = 0;
        }
    }

    @Benchmark
    public double step(Networks n, PairedClock clock) {
        int b = n.next;
        n.next = (b + 1) % TrainingStepBenchmark.BATCHES;
        long t0 = System.nanoTime();
        double loss = clock.engineTurn() ? n.pair.engineStep(b) : n.pair.dl4jStep(b);
        clock.add(System.nanoTime() - t0);
        return loss;
    }
}
