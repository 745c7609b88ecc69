package lockstep.dl4j;

import org.nd4j.linalg.factory.Nd4j;

/**
 * Loads the ND4J backend once and pins its thread counts, so that DL4J results are bit-identical
 * from run to run (ND4J's low bits depend on the number of threads). The count comes from
 * OMP_NUM_THREADS, 1 when unset.
 */
public final class Nd4jRuntime {
    private static volatile boolean initialised;

    private Nd4jRuntime() {
    }

    public static synchronized void init() {
        if (initialised) {
            return;
        }
        int threads = threadCount();
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        Nd4j.getBlasWrapper().lapack();
        Nd4j.factory().blas().setMaxThreads(threads);
        initialised = true;
    }

    public static int threadCount() {
        String env = System.getenv("OMP_NUM_THREADS");
        try {
            return env == null ? 1 : Math.max(1, Integer.parseInt(env.trim()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** E.g. "1.0.0-M2.1" from the nd4j-api jar manifest, or "unknown". */
    public static String version() {
        String v = Nd4j.class.getPackage().getImplementationVersion();
        return v == null ? "unknown" : v;
    }
}
