package lockstep.bench;

import java.util.concurrent.TimeUnit;
import lockstep.linalg.DType;
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
 * The large products' ND4J/engine ratio from paired measurements ({@link PairedClock}): FastMatMul against
 * {@code Nd4j.gemm} at 512³ and 1024³, FLOAT and DOUBLE, on {@link ProductOperands}. 3 forks x 6 measured
 * iterations give 9 pairs; ResultsTable prints the ratio's mean and 95% interval, and the engine's GFLOPS per
 * iteration as a share of the FMA peak ({@link PeakBenchmark}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 6, time = 1)
@Fork(value = 3, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx4g",
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class PairedMatMulBenchmark {

    @State(Scope.Benchmark)
    public static class Operands {
        @Param({"square-512", "square-1024"})
        public String product;

        @Param({"FLOAT", "DOUBLE"})
        public String type;

        ProductOperands operands;

        @Setup(Level.Trial)
        public void build() {
            operands = new ProductOperands(Product.parse(product), DType.valueOf(type));
        }
    }

    @Benchmark
    public Object product(Operands o, PairedClock clock) {
        long t0 = System.nanoTime();
        Object c = clock.engineTurn() ? o.operands.engine() : o.operands.nd4j();
        clock.add(System.nanoTime() - t0);
        return c;
    }
}
