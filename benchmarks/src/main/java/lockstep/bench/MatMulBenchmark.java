package lockstep.bench;

import java.util.concurrent.TimeUnit;
import lockstep.linalg.DType;
import lockstep.linalg.Matrix;
import org.nd4j.linalg.api.ndarray.INDArray;
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
 * C = op(A)·op(B) in FLOAT: the engine's {@code FastMatMul} against ND4J's {@code Nd4j.gemm} (OpenBLAS), both on
 * OMP_NUM_THREADS threads, on the same operands ({@link ProductOperands}). The products are named in {@link Product}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx4g",
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class MatMulBenchmark {

    @State(Scope.Benchmark)
    public static class Operands {
        @Param({"square-64", "square-128", "square-256", "square-512", "square-1024",
                "layer-xW", "layer-dWt", "layer-xtd"})
        public String product;

        ProductOperands operands;

        @Setup(Level.Trial)
        public void build() {
            operands = new ProductOperands(Product.parse(product), DType.FLOAT);
        }
    }

    @Benchmark
    public Matrix engine(Operands o) {
        return o.operands.engine();
    }

    @Benchmark
    public INDArray nd4j(Operands o) {
        return o.operands.nd4j();
    }
}
