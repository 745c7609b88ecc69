package lockstep.bench;

import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The machine's FMA peak as the engine's kernels can reach it: {@value #CHAINS} independent chains of Vector API
 * fused multiply-adds on registers (the preferred species: 16 floats or 8 doubles with AVX-512), {@value #ROUNDS}
 * rounds per call, on 1 thread and on 2. Nothing is loaded or stored, so the time is the FMA units' alone; enough
 * chains hide the FMA latency (4 cycles on 2 units needs 8). GFLOPS = 2 · lanes · chains · rounds / time, per
 * thread; ResultsTable multiplies by the threads and reports the products' GFLOPS as a share of it.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class PeakBenchmark {
    static final int CHAINS = 12;
    static final int ROUNDS = 1 << 14;
    static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
    static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_PREFERRED;

    /** Flops of one call: 2 per lane per FMA. */
    static double flopsPerCall(boolean doubles) {
        return 2.0 * (doubles ? DOUBLES.length() : FLOATS.length()) * CHAINS * ROUNDS;
    }

    @State(Scope.Thread)
    public static class Operands {
        final float scale = 0.999999f;
        final float shift = 1e-7f;
    }

    @Benchmark
    @Threads(1)
    public float floatOneThread(Operands o) {
        return floats(o);
    }

    @Benchmark
    @Threads(2)
    public float floatTwoThreads(Operands o) {
        return floats(o);
    }

    @Benchmark
    @Threads(1)
    public double doubleOneThread(Operands o) {
        return doubles(o);
    }

    @Benchmark
    @Threads(2)
    public double doubleTwoThreads(Operands o) {
        return doubles(o);
    }

    /** 12 chains a = a·m + c, m just under 1 so that nothing grows or underflows; returns their sum (no dead code). */
    private static float floats(Operands o) {
        FloatVector m = FloatVector.broadcast(FLOATS, o.scale);
        FloatVector c = FloatVector.broadcast(FLOATS, o.shift);
        FloatVector a0 = c, a1 = c, a2 = c, a3 = c, a4 = c, a5 = c, a6 = c, a7 = c, a8 = c, a9 = c, a10 = c, a11 = c;
        for (int r = 0; r < ROUNDS; r++) {
            a0 = a0.fma(m, c); a1 = a1.fma(m, c); a2 = a2.fma(m, c); a3 = a3.fma(m, c);
            a4 = a4.fma(m, c); a5 = a5.fma(m, c); a6 = a6.fma(m, c); a7 = a7.fma(m, c);
            a8 = a8.fma(m, c); a9 = a9.fma(m, c); a10 = a10.fma(m, c); a11 = a11.fma(m, c);
        }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11)
                .reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
    }

    private static double doubles(Operands o) {
        DoubleVector m = DoubleVector.broadcast(DOUBLES, o.scale);
        DoubleVector c = DoubleVector.broadcast(DOUBLES, o.shift);
        DoubleVector a0 = c, a1 = c, a2 = c, a3 = c, a4 = c, a5 = c, a6 = c, a7 = c, a8 = c, a9 = c, a10 = c, a11 = c;
        for (int r = 0; r < ROUNDS; r++) {
            a0 = a0.fma(m, c); a1 = a1.fma(m, c); a2 = a2.fma(m, c); a3 = a3.fma(m, c);
            a4 = a4.fma(m, c); a5 = a5.fma(m, c); a6 = a6.fma(m, c); a7 = a7.fma(m, c);
            a8 = a8.fma(m, c); a9 = a9.fma(m, c); a10 = a10.fma(m, c); a11 = a11.fma(m, c);
        }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11)
                .reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
    }
}
