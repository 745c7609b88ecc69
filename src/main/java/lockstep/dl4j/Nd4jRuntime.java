package lockstep.dl4j;

import org.nd4j.linalg.factory.Nd4j;

/**
 * Loads the ND4J backend once and pins its thread counts, so that DL4J results are bit-identical
 * from run to run (ND4J's low bits depend on the number of threads). The count comes from
 * OMP_NUM_THREADS, 1 when unset, unless {@link #setThreads} gives another.
 */
public final class Nd4jRuntime {
    private static volatile boolean initialised;

    private Nd4jRuntime() {
    }

    private static volatile int threads = fromEnvironment();

    public static synchronized void init() {
        if (initialised) {
            return;
        }
        pin(threads);
        initialised = true;
    }

    /**
     * Pins OpenBLAS's threads (and asks ND4J's, see {@link #opThreads}) to {@code count} from now on, in place of
     * OMP_NUM_THREADS ({@code lockstep train} gives both sides the same count). Loads the backend if it is not yet
     * loaded.
     */
    public static synchronized void setThreads(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("threads must be positive: " + count);
        }
        threads = count;
        if (initialised) {
            pin(count);
        } else {
            init();
        }
    }

    private static void pin(int count) {
        Nd4j.getEnvironment().setMaxThreads(count);
        Nd4j.getEnvironment().setMaxMasterThreads(count);
        Nd4j.getBlasWrapper().lapack();   // loads OpenBLAS, whose threads are set next
        Nd4j.factory().blas().setMaxThreads(count);
    }

    /** The threads ND4J and OpenBLAS are pinned to: OMP_NUM_THREADS (1 when unset) unless {@link #setThreads} said. */
    public static int threadCount() {
        return threads;
    }

    /**
     * The threads ND4J's own ops (element-wise, reductions) run on. ND4J 1.0.0-M2.1 fixes this at start from
     * OMP_NUM_THREADS and ignores later requests ({@code Environment.setMaxThreads} is a no-op there), so after
     * {@link #setThreads} only OpenBLAS's count follows; {@code ./lockstep train} sets OMP_NUM_THREADS to match.
     */
    public static int opThreads() {
        init();
        return Nd4j.getEnvironment().maxThreads();
    }

    private static int fromEnvironment() {
        String env = System.getenv("OMP_NUM_THREADS");
        try {
            return env == null ? 1 : Math.max(1, Integer.parseInt(env.trim()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** E.g. "1.0.0-M2.1" from the nd4j-api jar manifest or, when that has none (1.0.0-M2.1's has not), its Maven pom.properties; "unknown" otherwise. */
    public static String version() {
        String v = Nd4j.class.getPackage().getImplementationVersion();
        if (v != null) {
            return v;
        }
        try (java.io.InputStream in = Nd4j.class.getResourceAsStream("/META-INF/maven/org.nd4j/nd4j-api/pom.properties")) {
            if (in != null) {
                java.util.Properties p = new java.util.Properties();
                p.load(in);
                v = p.getProperty("version");
            }
        } catch (java.io.IOException e) {
            v = null;
        }
        return v == null ? "unknown" : v;
    }
}
