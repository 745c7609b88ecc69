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
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * One epoch of Fashion-MNIST-shaped data (60,000 random examples of 784 features in U[0,1), 10
 * classes) in FLOAT: 469 steps of batch 128 in a fixed order (the last batch holds 96), every batch
 * made before timing, on each side. Single shot: each iteration is one whole epoch from the initial
 * weights.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx6g",
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class EpochBenchmark {
    static final int EXAMPLES = 60_000;

    @State(Scope.Benchmark)
    public static class Epoch {
        @Param({"784-256(relu)-10/B128"})
        public String network;

        TrainingPair pair;

        @Setup(Level.Trial)
        public void build() {
            pair = TrainingPair.forEpochBenchmark(network);
        }

        @Setup(Level.Iteration)
        public void restart(BenchmarkParams params) {
            pair.resetFor(params.getBenchmark());   // only the timed side: the other one's reset would be counted by -prof gc
        }
    }

    @Benchmark
    public double engine(Epoch e) {
        return e.pair.engineEpoch();
    }

    @Benchmark
    public double dl4j(Epoch e) {
        return e.pair.dl4jEpoch();
    }
}
