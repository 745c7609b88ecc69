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
 * One training step (forward, loss, backward, SGD update) in FLOAT: the engine's
 * {@code MiniBatchStep.step} against DL4J's {@code MultiLayerNetwork.fit(DataSet)}, on the same
 * network from the same weights, cycling through {@value #BATCHES} random batches. Each measurement
 * iteration starts from the initial weights again, so that repeated steps cannot drive the weights
 * anywhere unusual.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx4g",
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class TrainingStepBenchmark {
    static final int BATCHES = 8;

    @State(Scope.Benchmark)
    public static class Networks {
        /** Widths (hidden ones with their activation) and batch size; the output is SOFTMAX with MCXENT. */
        @Param({"4-16(tanh)-3/B16", "784-128(relu)-10/B128", "784-512(relu)-256(relu)-10/B128",
                "1024-1024(relu)-10/B256"})
        public String network;

        TrainingPair pair;
        int next;

        @Setup(Level.Trial)
        public void build() {
            pair = TrainingPair.forStepBenchmark(network);
        }

        @Setup(Level.Iteration)
        public void restart(BenchmarkParams params) {
            pair.resetFor(params.getBenchmark());   // only the timed side: the other one's reset would be counted by -prof gc
            next = 0;
        }

        int nextBatch() {
            int b = next;
            next = (b + 1) % BATCHES;
            return b;
        }
    }

    @Benchmark
    public double engine(Networks n) {
        return n.pair.engineStep(n.nextBatch());
    }

    @Benchmark
    public double dl4j(Networks n) {
        return n.pair.dl4jStep(n.nextBatch());
    }
}
