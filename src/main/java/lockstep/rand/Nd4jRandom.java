package lockstep.rand;

/**
 * libnd4j's counter-based generator {@code sd::graph::RandomGenerator}
 * ({@code libnd4j/include/graph/RandomGenerator.h}, ND4J 1.0.0-M2.1) in plain Java: the value at an
 * index is a pure function of (root state, node state, index), and an op moves the generator on only by
 * {@link #rewind} with the op's length afterwards. {@code Nd4j.getRandom().setSeed(seed)} is {@link #seeded}.
 * Mutable (rewind); not thread-safe.
 */
public final class Nd4jRandom {
    /** RandomGenerator's node state when it is given 0. */
    private static final long DEFAULT_NODE_STATE = 1298567341L;
    private final long root;
    private long node;

    private Nd4jRandom(long root, long node) {
        if (root == 0) {
            throw new IllegalArgumentException("root state 0: libnd4j replaces it by the current time, which cannot be reproduced");
        }
        this.root = root;
        this.node = node != 0 ? node : DEFAULT_NODE_STATE;
    }

    /**
     * The state after {@code Nd4j.getRandom().setSeed(seed)}: CpuNativeRandom sets root = seed and
     * node = seed ^ 0xdeadbeef, a Java int literal, so sign-extended to 0xFFFFFFFFDEADBEEF.
     */
    public static Nd4jRandom seeded(long seed) {
        return new Nd4jRandom(seed, seed ^ 0xdeadbeef);
    }

    /** A generator with the given (root, node) states, as {@code setStates(root, node)}. */
    public static Nd4jRandom ofStates(long root, long node) {
        return new Nd4jRandom(root, node);
    }

    public long rootState() {
        return root;
    }

    public long nodeState() {
        return node;
    }

    /** {@code xoroshiro32(index)}: mixes both states with the index and keeps the low 32 bits (little-endian int). */
    public int bits32(long index) {
        long s0 = root;
        long s1 = node;
        s0 |= (index + 2) * (s1 + 24243287L);
        s1 ^= (index + 2) * (s0 + 723829L);
        int half = (int) (s1 ^ s0);
        return Integer.rotateLeft(half * 0x9E3779BB, 5) * 5;
    }

    /** {@code relativeT<float>(index)}: the top 23 bits as a float in [0, 1). */
    public float uniformFloat(long index) {
        return Float.intBitsToFloat(0x3f800000 | (bits32(index) >>> 9)) - 1.0f;
    }

    /** {@code relativeT<double>(index)}: the float value widened (the M2.1 binary is built without __DOUBLE_RNG__). */
    public double uniformDouble(long index) {
        return uniformFloat(index);
    }

    /**
     * {@code rewindH(steps)}: the node state's two 32-bit halves go one xoroshiro step on, then the state is
     * xored with steps ^ 0xdeadbeef (a C++ unsigned literal, so zero-extended). Modifies this generator.
     */
    public void rewind(long steps) {
        int v0 = (int) node;
        int v1 = (int) (node >>> 32);
        v1 ^= v0;
        int n0 = Integer.rotateLeft(v0, 26) ^ v1 ^ (v1 << 9);
        int n1 = Integer.rotateLeft(v1, 13);
        node = ((long) n1 << 32 | (n0 & 0xFFFFFFFFL)) ^ (steps ^ 0xdeadbeefL);
    }
}
