package lockstep.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * The train step's DL4J/engine ratio from paired measurements. Iterations alternate between the sides (engine,
 * DL4J, engine, ...), each clocking its steps in {@link Clock} (JMH auxiliary counters, summed per iteration); an
 * engine iteration and the DL4J iteration right after it share a time window of about two seconds, so a slow patch
 * of a shared machine falls on both, and their ratio of mean step times is one paired sample. Per call the sides
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
                "1024-1024(relu)-10/B256"})
        public String network;

        TrainingPair pair;
        int next;
        boolean engineTurn = false;

        @Setup(Level.Trial)
        public void build() {
            pair = TrainingPair.forStepBenchmark(network);
        }

        /** The other side's turn, from the initial weights. */
        @Setup(Level.Iteration)
        public void restart() {
            engineTurn = !engineTurn;
            pair.reset();
            next = 0;
        }
    }

    /** Nanoseconds and steps of each side in this iteration (JMH reports the sums per iteration); one side is 0. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Clock {
        public long engineNanos;
        public long engineSteps;
        public long dl4jNanos;
        public long dl4jSteps;

        @Setup(Level.Iteration)
        public void clear() {
            engineNanos = 0;
            engineSteps = 0;
            dl4jNanos = 0;
            dl4jSteps = 0;
        }
    }

    @Benchmark
    public double step(Networks n, Clock clock) {
        int b = n.next;
        n.next = (b + 1) % TrainingStepBenchmark.BATCHES;
        long t0 = System.nanoTime();
        double loss = n.engineTurn ? n.pair.engineStep(b) : n.pair.dl4jStep(b);
        long t = System.nanoTime() - t0;
        if (n.engineTurn) {
            clock.engineNanos += t;
            clock.engineSteps++;
        } else {
            clock.dl4jNanos += t;
            clock.dl4jSteps++;
        }
        return loss;
    }
}
