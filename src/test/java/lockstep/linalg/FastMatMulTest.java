package lockstep.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.concurrent.TimeUnit;
import java.util.List;
import java.util.stream.Stream;
import lockstep.rand.SplitMix64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * FastMatMul against the NaiveMatMul oracle (error relative to each dot product's condition), over
 * all transposes, accumulate, FLOAT and DOUBLE, edge and empty shapes; bit-identity across threads,
 * kernels, tiles, repeated and concurrent calls; the scalar fallback in a JVM without the vector
 * module; no allocation once warm; helper failures; and a planted bug the comparison must catch.
 */
class FastMatMulTest {
    private static final int[] SMALL = {1, 3, 7, 17, 33, 65};
    /** {m, n, k}: beyond one cache block in each direction (mc 192, kc 256, nc 4096), 1000 in each role. */
    private static final int[][] LARGE = {{1000, 65, 300}, {17, 1000, 513}, {130, 70, 1000}, {20, 1000, 1000},
            {7, 4200, 20}, {1000, 3, 1}};

    private static final FastMatMul SINGLE = new FastMatMul(Kernels.BEST, 1, Long.MAX_VALUE);
    private static final FastMatMul SPLIT_2 = new FastMatMul(Kernels.BEST, 2, 0);
    private static final FastMatMul SPLIT_3 = new FastMatMul(Kernels.BEST, 3, 0);
    /** Two threads, each product cut into fixed parts (never shared by SharedGemm). */
    private static final FastMatMul FIXED_PARTS_2 = new FastMatMul(Kernels.BEST, 2, 0, FastMatMul.DEFAULT_DIRECT_MAX_VOLUME,
            Long.MAX_VALUE);
    private static final FastMatMul SCALAR = new FastMatMul(Kernels.SCALAR, 1, Long.MAX_VALUE);
    /** Packs even the tiniest product (no {@link DirectGemm}). */
    private static final FastMatMul PACKED_ONLY = new FastMatMul(Kernels.BEST, 1, Long.MAX_VALUE, -1);
    /** The vector tile this machine does not pick by default (6 x 2L on AVX-512, 8 x 3L elsewhere). */
    private static final FastMatMul OTHER_TILE = new FastMatMul(
            VectorKernels.of(Kernels.BEST.floats().blocking().mr() != 8), 2, 0);

    static Stream<Arguments> dtypeAndTransposes() {
        List<Arguments> out = new ArrayList<>();
        for (DType dtype : DType.values()) {
            for (int flags = 0; flags < 4; flags++) {
                out.add(Arguments.of(dtype, (flags & 1) != 0, (flags & 2) != 0));
            }
        }
        return out.stream();
    }

    /** A, B and C0 for C[m,n] (+)= op(A)·op(B) with depth k, stored as the transpose flags demand. */
    private record Problem(Matrix a, boolean ta, Matrix b, boolean tb, Matrix c0) {
        static Problem random(DType dtype, int m, int n, int k, boolean ta, boolean tb, SplitMix64 rng) {
            return new Problem(OracleComparison.random(dtype, ta ? k : m, ta ? m : k, rng), ta,
                    OracleComparison.random(dtype, tb ? n : k, tb ? k : n, rng), tb,
                    OracleComparison.random(dtype, m, n, rng));
        }

        Matrix run(MatMul mm, boolean accumulate) {
            Matrix c = c0.copy();
            mm.multiply(a, ta, b, tb, c, accumulate);
            return c;
        }

        void assertAgrees(MatMul mm, boolean accumulate) {
            OracleComparison.assertAgrees(mm, a, ta, b, tb, c0, accumulate, this + " accumulate=" + accumulate);
        }

        @Override
        public String toString() {
            return c0.dtype() + " " + a.shape() + (ta ? "ᵀ" : "") + "·" + b.shape() + (tb ? "ᵀ" : "");
        }
    }

    private static void assertSameBits(Matrix expected, Matrix actual, String context) {
        assertArrayEquals(expected.toDoubleArray(), actual.toDoubleArray(), 0.0, context);
    }

    @Test
    void testRunUsesTheVectorKernels() {
        assertTrue(Kernels.VECTOR_MODULE_PRESENT, "Surefire's argLine should add jdk.incubator.vector");
        assertTrue(new FastMatMul().usesVectorKernels());
        assertFalse(SCALAR.usesVectorKernels());
    }

    @ParameterizedTest
    @MethodSource("dtypeAndTransposes")
    void smallShapesMatchTheOracle(DType dtype, boolean ta, boolean tb) {
        SplitMix64 rng = new SplitMix64(11);
        FastMatMul fast = new FastMatMul();
        for (int m : SMALL) {
            for (int n : SMALL) {
                for (int k : SMALL) {
                    Problem p = Problem.random(dtype, m, n, k, ta, tb, rng);
                    p.assertAgrees(fast, false);
                    p.assertAgrees(fast, true);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("dtypeAndTransposes")
    void largeShapesMatchTheOracle(DType dtype, boolean ta, boolean tb) {
        SplitMix64 rng = new SplitMix64(12);
        FastMatMul fast = new FastMatMul();
        for (int[] s : LARGE) {
            Problem.random(dtype, s[0], s[1], s[2], ta, tb, rng).assertAgrees(fast, s[0] % 2 == 0);
        }
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void emptyShapesAndEmptySums(DType dtype) {
        SplitMix64 rng = new SplitMix64(13);
        int[] sizes = {0, 1, 5};
        for (int m : sizes) {
            for (int n : sizes) {
                for (int k : sizes) {
                    for (boolean acc : new boolean[] {false, true}) {
                        Problem p = Problem.random(dtype, m, n, k, k == 1, m == 5, rng);
                        if (k == 0) { // exact: C = 0, or C untouched when accumulating
                            assertSameBits(acc ? p.c0() : p.c0().like(m, n), p.run(new FastMatMul(), acc), p.toString());
                        } else {
                            p.assertAgrees(new FastMatMul(), acc);
                        }
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("dtypeAndTransposes")
    void tinyProductsSkipPackingAndGiveThePackedBits(DType dtype, boolean ta, boolean tb) {
        SplitMix64 rng = new SplitMix64(19);
        FastMatMul fast = new FastMatMul();
        int direct = 0;
        for (int m : new int[] {1, 3, 4, 7, 16, 17, 33}) {
            for (int n : new int[] {1, 3, 4, 7, 16, 17, 33}) {
                for (int k : new int[] {1, 3, 4, 16, 17, 65}) {
                    if ((long) m * n * k <= FastMatMul.DEFAULT_DIRECT_MAX_VOLUME) {
                        direct++;
                        Problem p = Problem.random(dtype, m, n, k, ta, tb, rng);
                        for (boolean acc : new boolean[] {false, true}) {
                            assertSameBits(p.run(PACKED_ONLY, acc), p.run(fast, acc), p + " accumulate=" + acc);
                            assertSameBits(p.run(PACKED_ONLY, acc), p.run(SCALAR, acc), p + " scalar, accumulate=" + acc);
                        }
                    }
                }
            }
        }
        assertTrue(direct > 200, "tiny shapes tried: " + direct);
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void threadedSplitsGiveTheSameBitsAsOneThread(DType dtype) {
        SplitMix64 rng = new SplitMix64(14);
        List<int[]> shapes = new ArrayList<>(List.of(new int[] {1000, 1000, 1000}, new int[] {5, 999, 300},
                new int[] {999, 5, 300}, new int[] {13, 40, 600}));
        for (int m : SMALL) {
            for (int n : SMALL) {
                shapes.add(new int[] {m, n, 17});
            }
        }
        FastMatMul fast = new FastMatMul();
        for (int[] s : shapes) {
            boolean huge = (long) s[0] * s[1] * s[2] > 100_000_000L;
            for (int flags = 0; flags < 8; flags += huge ? 7 : 1) { // 1000^3: flags 0 and 7 only
                boolean acc = (flags & 4) != 0;
                Problem p = Problem.random(dtype, s[0], s[1], s[2], (flags & 1) != 0, (flags & 2) != 0, rng);
                Matrix single = p.run(SINGLE, acc);
                assertSameBits(single, p.run(SPLIT_2, acc), p + " 2 threads acc=" + acc);
                assertSameBits(single, p.run(SPLIT_3, acc), p + " 3 threads acc=" + acc);
                assertSameBits(single, p.run(FIXED_PARTS_2, acc), p + " 2 fixed parts acc=" + acc);
                assertSameBits(single, p.run(fast, acc), p + " default acc=" + acc);
                assertSameBits(single, p.run(fast, acc), p + " repeated acc=" + acc);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("dtypeAndTransposes")
    void scalarFallbackAndOtherTileMatchTheOracleAndTheDefaultBits(DType dtype, boolean ta, boolean tb) {
        SplitMix64 rng = new SplitMix64(15);
        int[] sizes = {1, 4, 7, 33};
        for (int m : sizes) {
            for (int n : sizes) {
                for (int k : sizes) {
                    Problem p = Problem.random(dtype, m, n, k, ta, tb, rng);
                    p.assertAgrees(SCALAR, m == n);
                    p.assertAgrees(OTHER_TILE, m == n);
                    Matrix expected = p.run(SINGLE, m == n);
                    assertSameBits(expected, p.run(SCALAR, m == n), p + " scalar");
                    assertSameBits(expected, p.run(OTHER_TILE, m == n), p + " other tile");
                }
            }
        }
        Problem big = Problem.random(dtype, 200, 70, 300, ta, tb, rng);
        big.assertAgrees(SCALAR, true);
        big.assertAgrees(OTHER_TILE, true);
        assertSameBits(big.run(SINGLE, true), big.run(SCALAR, true), big + " scalar");
        assertSameBits(big.run(SINGLE, true), big.run(OTHER_TILE, true), big + " other tile");
    }

    /**
     * C wider than one column block (nc, about 4096) and deeper than one depth block (kc 256): on one thread the
     * rectangle takes two column blocks, and shared ({@link SharedGemm}, 17 rows: three chunks) the packed B holds
     * four pieces, the second column block's at its own offset. Both must agree with the oracle, bit for bit.
     */
    @ParameterizedTest
    @MethodSource("dtypeAndTransposes")
    void aProductWiderThanOneColumnBlockMatchesTheOracleOnOneThreadAndShared(DType dtype, boolean ta, boolean tb) {
        Blocking bl = dtype == DType.FLOAT ? Kernels.BEST.floats().blocking() : Kernels.BEST.doubles().blocking();
        Problem p = Problem.random(dtype, 17, bl.nc() + 37, Blocking.KC + 5, ta, tb, new SplitMix64(22));
        boolean acc = ta;
        p.assertAgrees(SINGLE, acc);
        Matrix single = p.run(SINGLE, acc);
        assertSameBits(single, p.run(SPLIT_2, acc), p + " shared by 2 threads");
        assertSameBits(single, p.run(SPLIT_3, acc), p + " shared by 3 threads");
    }

    /**
     * A thread's first product gets a fresh {@link Workspace}, whose buffers must grow to what the product needs:
     * edge tiles (41 x 37 is no multiple of any tile) and several row blocks, on threads that never multiplied before.
     */
    @ParameterizedTest
    @EnumSource(DType.class)
    void aThreadsFirstProductIsRight(DType dtype) throws InterruptedException {
        Problem p = Problem.random(dtype, Blocking.MC_TARGET + 41, 37, 45, false, true, new SplitMix64(23));
        Matrix expected = p.run(new NaiveMatMul(), true);
        OracleComparison.Result[] result = new OracleComparison.Result[2];
        Thread[] threads = new Thread[2];
        for (int t = 0; t < threads.length; t++) {
            int slot = t;
            MatMul mm = t == 0 ? SINGLE : PACKED_ONLY;
            threads[t] = new Thread(() -> result[slot] = OracleComparison.compare(p.a(), false, p.b(), true, p.c0(), true,
                    expected, p.run(mm, true)));
            threads[t].start();
            threads[t].join();
        }
        assertTrue(result[0].ok(), "fresh thread: " + result[0]);
        assertTrue(result[1].ok(), "fresh thread, packed only: " + result[1]);
    }

    @Test
    void scalarFallbackRunsWithoutTheVectorModule() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = codeSource(FastMatMul.class) + File.pathSeparator + codeSource(NoVectorModuleProbe.class);
        Process process = new ProcessBuilder(java, "-cp", classpath, NoVectorModuleProbe.class.getName())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "probe did not finish");
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("scalar fallback ok"), output);
        assertFalse(output.contains("incubator"), output);
    }

    private static String codeSource(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    @Test
    void concurrentCallersGetTheSameBits() throws InterruptedException {
        Problem p = Problem.random(DType.FLOAT, 300, 300, 300, false, true, new SplitMix64(16));
        Matrix expected = p.run(SINGLE, false);
        FastMatMul shared = new FastMatMul();
        List<Throwable> failures = new ArrayList<>();
        Thread[] threads = new Thread[3];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                for (int r = 0; r < 20; r++) {
                    assertSameBits(expected, p.run(shared, false), "concurrent call " + r);
                }
            });
            threads[t].setUncaughtExceptionHandler((th, e) -> {
                synchronized (failures) {
                    failures.add(e);
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void steadyStateCallsAllocateNothing() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        SplitMix64 rng = new SplitMix64(18);
        for (DType dtype : DType.values()) {
            Problem p = Problem.random(dtype, 40, 70, 300, true, false, rng);
            Matrix c = p.c0().copy();
            long[] ids = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t == Thread.currentThread() || t.getName().startsWith("lockstep-matmul-helper-1/1"))
                    .mapToLong(Thread::getId).toArray();
            assertEquals(2, ids.length, "caller and the one helper of SPLIT_2");
            long allocated = Long.MAX_VALUE;
            long deadline = System.nanoTime() + 20_000_000_000L; // warm-up until the JIT settles, at most 20 s
            while (allocated != 0 && System.nanoTime() < deadline) {
                long before = threads.getThreadAllocatedBytes(ids[0]) + threads.getThreadAllocatedBytes(ids[1]);
                for (int r = 0; r < 500; r++) {
                    SPLIT_2.multiply(p.a(), p.ta(), p.b(), p.tb(), c, true);
                }
                allocated = threads.getThreadAllocatedBytes(ids[0]) + threads.getThreadAllocatedBytes(ids[1]) - before;
            }
            assertEquals(0, allocated, dtype + ": bytes allocated by 500 warm calls");
        }
    }

    @Test
    void aFailingPartReachesTheCallerAndThePoolRecovers() {
        FloatKernel scalar = Kernels.SCALAR.floats();
        FloatKernel failing = new FloatKernel() {
            @Override
            public Blocking blocking() {
                return scalar.blocking();
            }

            @Override
            public void tile(int kc, float[] ap, int ai, float[] bp, int bi, float[] c, int ci, int ldc, boolean loadC) {
                throw new IllegalStateException("planted kernel failure");
            }
        };
        FastMatMul broken = new FastMatMul(new Kernels(failing, Kernels.SCALAR.doubles(), false), 2, 0);
        Problem p = Problem.random(DType.FLOAT, 100, 100, 100, false, false, new SplitMix64(19));
        for (int r = 0; r < 20; r++) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> p.run(broken, false));
            assertEquals("planted kernel failure", e.getMessage());
        }
        GemmTask task = new GemmTask().set(Kernels.BEST, p.a(), false, p.b(), false, p.c0().copy(), false, 0, 100, 0, 100);
        assertTrue(WorkerPool.ofSize(1).tryRunSplit(task, 2, true, 8), "pool left busy");
        assertSameBits(p.run(SINGLE, false), p.run(SPLIT_2, false), "after failures");
    }

    @Test
    void shapeMismatchThrowsNamingTheShapes() {
        FastMatMul fast = new FastMatMul();
        Matrix a = new FMatrix(3, 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> fast.multiply(a, false, new FMatrix(5, 2), false, new FMatrix(3, 2), false));
        assertTrue(e.getMessage().contains("[3,4]") && e.getMessage().contains("[5,2]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> fast.multiply(a, true, new FMatrix(3, 2), false, new FMatrix(2, 4), false));
        assertTrue(e.getMessage().contains("[2,4]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> fast.multiply(a, false, new DMatrix(4, 2), false, new FMatrix(3, 2), false));
        assertTrue(e.getMessage().contains("DOUBLE[4,2]"), e.getMessage());
    }

    /** Fast product, then one element (the largest) scaled by 1 + 1e-3: a planted bug. */
    private static final class PerturbingMatMul implements MatMul {
        @Override
        public void multiply(Matrix a, boolean ta, Matrix b, boolean tb, Matrix c, boolean accumulate) {
            new FastMatMul().multiply(a, ta, b, tb, c, accumulate);
            int worst = 0;
            for (int i = 0; i < c.size(); i++) {
                worst = Math.abs(c.get(i)) > Math.abs(c.get(worst)) ? i : worst;
            }
            c.set(worst, c.get(worst) * (1 + 1e-3));
        }
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void comparisonCatchesAPlantedBug(DType dtype) {
        SplitMix64 rng = new SplitMix64(17);
        // k stays moderate: the allowed error grows with k, and at k = 1000 in FLOAT it is ~2e-4 of cond
        for (int[] s : new int[][] {{7, 7, 7}, {65, 33, 100}}) {
            Problem p = Problem.random(dtype, s[0], s[1], s[2], false, false, rng);
            assertTrue(OracleComparison.compare(new FastMatMul(), p.a(), false, p.b(), false, p.c0(), false).ok());
            OracleComparison.Result r =
                    OracleComparison.compare(new PerturbingMatMul(), p.a(), false, p.b(), false, p.c0(), false);
            assertFalse(r.ok(), "planted bug not reported: " + r);
            assertThrows(AssertionError.class, () -> p.assertAgrees(new PerturbingMatMul(), false));
        }
    }
}
