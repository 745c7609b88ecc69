package lockstep.bench;

import java.util.concurrent.TimeUnit;
import lockstep.dl4j.Nd4jRuntime;
import lockstep.harness.Tolerance;
import lockstep.harness.TolerancePolicy;
import lockstep.linalg.FMatrix;
import lockstep.linalg.FastMatMul;
import lockstep.linalg.MatMul;
import lockstep.rand.SplitMix64;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
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
 * C = op(A)·op(B) in FLOAT: the engine's {@link FastMatMul} (2 threads from m·n·k = 2^18 on) against
 * ND4J's {@code Nd4j.gemm} (OpenBLAS, OMP_NUM_THREADS threads), on the same random A and B in
 * U[-1,1), C overwritten (beta 0). The products are named in {@link Product}.
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

        Product p;
        final MatMul fast = new FastMatMul();
        FMatrix a;
        FMatrix b;
        FMatrix c;
        INDArray na;
        INDArray nb;
        INDArray nc;

        @Setup(Level.Trial)
        public void build() {
            Nd4jRuntime.init();   // pins ND4J's (and OpenBLAS's) threads to OMP_NUM_THREADS
            p = Product.parse(product);
            SplitMix64 random = SplitMix64.stream(42, 0x3A7L);
            a = random(p.aRows(), p.aCols(), random);
            b = random(p.bRows(), p.bCols(), random);
            c = new FMatrix(p.m(), p.n());
            na = Nd4j.create(a.toFloatArray(), new long[] {a.rows(), a.cols()}, 'c');
            nb = Nd4j.create(b.toFloatArray(), new long[] {b.rows(), b.cols()}, 'c');
            nc = Nd4j.create(org.nd4j.linalg.api.buffer.DataType.FLOAT, p.m(), p.n());
            checkSameProduct();
        }

        /** Before timing: both sides' C agree within the FLOAT step tolerance at C's scale; throws otherwise. */
        void checkSameProduct() {
            fast.multiply(a, p.transposeA(), b, p.transposeB(), c, false);
            float[] nd4j = Nd4j.gemm(na, nb, nc, p.transposeA(), p.transposeB(), 1.0, 0.0).dup('c').data().asFloat();
            Tolerance tolerance = TolerancePolicy.FLOAT.step();
            double scale = 0;
            for (float v : nd4j) {
                scale = Math.max(scale, Math.abs(v));
            }
            for (int i = 0; i < nd4j.length; i++) {
                double error = tolerance.error(c.get(i), nd4j[i], scale);
                if (!tolerance.passes(error)) {
                    throw new IllegalStateException(product + ": FastMatMul and Nd4j.gemm disagree at C["
                            + i / p.n() + "," + i % p.n() + "]: " + c.get(i) + " vs " + nd4j[i] + " (error "
                            + error + " > FLOAT tolerance " + tolerance.relative() + "); nothing is timed");
                }
            }
        }

        private static FMatrix random(int rows, int cols, SplitMix64 random) {
            FMatrix m = new FMatrix(rows, cols);
            for (int i = 0; i < m.size(); i++) {
                m.set(i, (float) (2 * random.nextDouble() - 1));
            }
            return m;
        }
    }

    @Benchmark
    public FMatrix engine(Operands o) {
        o.fast.multiply(o.a, o.p.transposeA(), o.b, o.p.transposeB(), o.c, false);
        return o.c;
    }

    @Benchmark
    public INDArray nd4j(Operands o) {
        return Nd4j.gemm(o.na, o.nb, o.nc, o.p.transposeA(), o.p.transposeB(), 1.0, 0.0);
    }
}
