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
