package lockstep.rand;

/**
 * The C math functions libnd4j's Box–Muller calls through {@code sd::math::sd_log/sd_cos/sd_sin}
 * ({@code libnd4j/include/math/templatemath.h}): log, cos, sin for double and logf, cosf, sinf for float.
 * libnd4jcpu.so links them dynamically from the host's libm, whose results are not correctly rounded
 * and differ between glibc's plain and FMA variants (chosen by CPU), so {@link #best()} calls the same
 * host libm when it can ({@link SystemLibm}) and otherwise falls back to {@link StrictMath} ({@link #JAVA}),
 * which agrees on most but not all values (see docs/same-seed.md).
 */
public interface Libm {
    /** The fallback: fdlibm through StrictMath, rounded to float for the float functions. Not bit-exact. */
    Libm JAVA = new Libm() {
        @Override
        public double log(double x) {
            return StrictMath.log(x);
        }

        @Override
        public double cos(double x) {
            return StrictMath.cos(x);
        }

        @Override
        public double sin(double x) {
            return StrictMath.sin(x);
        }

        @Override
        public float logf(float x) {
            return (float) StrictMath.log(x);
        }

        @Override
        public float cosf(float x) {
            return (float) StrictMath.cos(x);
        }

        @Override
        public float sinf(float x) {
            return (float) StrictMath.sin(x);
        }

        @Override
        public boolean isHostLibm() {
            return false;
        }
    };

    double log(double x);

    double cos(double x);

    double sin(double x);

    float logf(float x);

    float cosf(float x);

    float sinf(float x);

    /** Whether these are the host's libm functions, the ones ND4J calls (so bit-exact). */
    boolean isHostLibm();

    /**
     * The host's libm when the JVM runs with {@code --add-modules jdk.incubator.foreign
     * --enable-native-access=ALL-UNNAMED} on a system that has one, else {@link #JAVA}.
     */
    static Libm best() {
        return SystemLibm.INSTANCE != null ? SystemLibm.INSTANCE : JAVA;
    }
}
