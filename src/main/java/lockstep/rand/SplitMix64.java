package lockstep.rand;

/**
 * A small, fully specified pseudo-random generator (Steele, Lea and Flood's SplitMix64), so that a
 * seed gives the same numbers on every JVM. Gaussians use Box–Muller with {@link StrictMath}, which
 * is bit-reproducible across platforms. Not thread-safe: one instance per stream.
 */
public final class SplitMix64 {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    private long state;
    private double spareGaussian;
    private boolean hasSpare;

    public SplitMix64(long seed) {
        this.state = seed;
    }

    /** A generator for an independent stream derived from {@code seed} and the given stream labels. */
    public static SplitMix64 stream(long seed, long... labels) {
        long s = mix(seed);
        for (long label : labels) {
            s = mix(s ^ mix(label + GOLDEN_GAMMA));
        }
        return new SplitMix64(s);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    public long nextLong() {
        state += GOLDEN_GAMMA;
        return mix(state);
    }

    /** Uniform in [0, 1) with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [0, bound) without modulo bias. */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive: " + bound);
        }
        long bits;
        long value;
        do {
            bits = nextLong() >>> 1;
            value = bits % bound;
        } while (bits - value + (bound - 1) < 0); // reject the top partial block: no modulo bias
        return (int) value;
    }

    /** Standard normal N(0,1) by Box–Muller. */
    public double nextGaussian() {
        if (hasSpare) {
            hasSpare = false;
            return spareGaussian;
        }
        double u1;
        do {
            u1 = nextDouble();
        } while (u1 == 0.0);
        double u2 = nextDouble();
        double radius = StrictMath.sqrt(-2.0 * StrictMath.log(u1));
        double angle = 2.0 * Math.PI * u2;
        spareGaussian = radius * StrictMath.sin(angle);
        hasSpare = true;
        return radius * StrictMath.cos(angle);
    }
}
