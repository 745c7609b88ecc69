package lockstep.linalg;

/**
 * A fast {@link MatMul}: packs blocks of op(A) and op(B) into contiguous panels and runs a
 * register-blocked micro-kernel over them (Vector API when jdk.incubator.vector is present,
 * plain Java otherwise), on the calling thread plus persistent helper threads for large products.
 *
 * <p>Every element of C is one fma chain {@code acc = fma(a_ip, b_pj, acc)} over p = 0..k-1 in
 * order, starting from the old C element ({@code accumulate}) or 0. Blocking, tile position, kernel
 * (vector or scalar), thread split and the unpacked path of tiny products ({@link DirectGemm}) never
 * change that chain, so results are bit-identical on
 * every path. Only {@code c} is modified; {@code c} must not share its array with {@code a} or
 * {@code b}. Thread-safe: concurrent callers that find the helpers busy compute alone.
 */
public final class FastMatMul implements MatMul {
    /** Threads per product, the caller included. */
    static final int DEFAULT_THREADS = 2;
    /**
     * Smallest m*n*k that is split across threads. On an idle 2-core AVX-512 machine two threads
     * break even near 2^15 and gain ~1.5x at 2^18 (64^3); on a busy machine the split can only lose,
     * so the threshold stays at 2^18 rather than at the break-even point.
     */
    static final long DEFAULT_PARALLEL_MIN_VOLUME = 1L << 18;
    /**
     * Largest m*n*k computed by {@link DirectGemm}, without packing. The products of a 4-16-3 network
     * at B16 (768 to 1024 fmas) take a third of the packed path's time there.
     */
    static final long DEFAULT_DIRECT_MAX_VOLUME = 1L << 13;
    /**
     * Smallest m*n*k split by {@link SharedGemm} (op(B) packed once, rows claimed dynamically); smaller
     * parallel products are cut into one fixed part per thread, whose single hand-off costs less than
     * SharedGemm's packing phase and its chunks (at 64^3 to 256^3, measured side by side with JMH).
     */
    static final long DEFAULT_SHARED_MIN_VOLUME = 1L << 22;

    private final Kernels kernels;
    private final int threads;
    private final long parallelMinVolume;
    private final long directMaxVolume;
    private final long sharedMinVolume;
    private final WorkerPool pool;

    public FastMatMul() {
        this(defaultThreads());
    }

    /** The best kernels on {@code threads} threads per product, the caller included (1: the calling thread alone). */
    public FastMatMul(int threads) {
        this(Kernels.BEST, threads, DEFAULT_PARALLEL_MIN_VOLUME, DEFAULT_DIRECT_MAX_VOLUME, DEFAULT_SHARED_MIN_VOLUME);
    }

    /** Threads per product by default: 2, or 1 on a machine with one core. */
    private static int defaultThreads() {
        return Math.min(DEFAULT_THREADS, Runtime.getRuntime().availableProcessors());
    }

    /**
     * For tests: forces the kernels (e.g. {@link Kernels#SCALAR}), the thread count and the split
     * threshold, from which on products are also shared ({@link SharedGemm}).
     */
    FastMatMul(Kernels kernels, int threads, long parallelMinVolume) {
        this(kernels, threads, parallelMinVolume, DEFAULT_DIRECT_MAX_VOLUME, parallelMinVolume);
    }

    /** For tests: also the largest volume that skips packing (-1: every product is packed). */
    FastMatMul(Kernels kernels, int threads, long parallelMinVolume, long directMaxVolume) {
        this(kernels, threads, parallelMinVolume, directMaxVolume, parallelMinVolume);
    }

    /** For tests: also the smallest volume shared by {@link SharedGemm} (Long.MAX_VALUE: fixed parts only). */
    FastMatMul(Kernels kernels, int threads, long parallelMinVolume, long directMaxVolume, long sharedMinVolume) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be positive: " + threads);
        }
        this.kernels = kernels;
        this.threads = threads;
        this.parallelMinVolume = parallelMinVolume;
        this.directMaxVolume = directMaxVolume;
        this.sharedMinVolume = sharedMinVolume;
        this.pool = threads > 1 ? WorkerPool.ofSize(threads - 1) : null;
    }

    /** True when the Vector API kernels are in use. */
    boolean usesVectorKernels() {
        return kernels.vector();
    }

    @Override
    public void multiply(Matrix a, boolean transposeA, Matrix b, boolean transposeB, Matrix c, boolean accumulate) {
        MatMul.checkShapes(a, transposeA, b, transposeB, c);
        int m = c.rows();
        int n = c.cols();
        int k = transposeA ? a.rows() : a.cols(); // op(A) [m,k] · op(B) [k,n] -> C [m,n]
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) { // empty sum
            if (!accumulate) {
                c.fill(0.0);
            }
            return;
        }
        if ((long) m * n * k <= directMaxVolume) {
            DirectGemm.run(a, transposeA, b, transposeB, c, accumulate);
            return;
        }
        long volume = (long) m * n * k;
        boolean parallel = pool != null && volume >= parallelMinVolume;
        // large products: shared op(B), rows claimed dynamically, when C has enough rows to go round
        if (parallel && volume >= sharedMinVolume && pool.tryRunShared(kernels, a, transposeA, b, transposeB, c, accumulate)) {
            return;
        }
        GemmTask whole = Workspace.current().ownTask.set(kernels, a, transposeA, b, transposeB, c, accumulate, 0, m, 0, n);
        // else split along the dimension with more register tiles, into whole tiles per thread
        int mr = kernels.mr(c.dtype());
        int nr = kernels.nr(c.dtype());
        int rowTiles = (m + mr - 1) / mr;
        int colTiles = (n + nr - 1) / nr;
        boolean byRows = rowTiles >= colTiles;
        int parts = !parallel ? 1 : Math.min(threads, Math.max(rowTiles, colTiles));
        if (parts < 2 || !pool.tryRunSplit(whole, parts, byRows, byRows ? mr : nr)) {
            whole.run();
        }
    }
}
