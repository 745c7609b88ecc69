package lockstep.linalg;

import lockstep.rand.SplitMix64;

/**
 * Test support, run by {@link FastMatMulTest} in a fresh JVM without {@code --add-modules
 * jdk.incubator.vector}: checks that FastMatMul then picks the scalar kernels, loads no Vector API
 * class, and agrees with the oracle (threaded path included). Exits non-zero on failure.
 */
final class NoVectorModuleProbe {
    private NoVectorModuleProbe() {
    }

    public static void main(String[] args) {
        if (Kernels.VECTOR_MODULE_PRESENT || new FastMatMul().usesVectorKernels()) {
            throw new AssertionError("expected no jdk.incubator.vector in the boot layer and scalar kernels");
        }
        SplitMix64 rng = new SplitMix64(21);
        for (DType dtype : DType.values()) {
            for (int[] s : new int[][] {{1, 1, 1}, {7, 33, 65}, {130, 70, 300}}) {
                for (int flags = 0; flags < 8; flags++) {
                    boolean ta = (flags & 1) != 0;
                    boolean tb = (flags & 2) != 0;
                    boolean acc = (flags & 4) != 0;
                    Matrix a = OracleComparison.random(dtype, ta ? s[2] : s[0], ta ? s[0] : s[2], rng);
                    Matrix b = OracleComparison.random(dtype, tb ? s[1] : s[2], tb ? s[2] : s[1], rng);
                    Matrix c0 = OracleComparison.random(dtype, s[0], s[1], rng);
                    OracleComparison.assertAgrees(new FastMatMul(), a, ta, b, tb, c0, acc,
                            dtype + " " + java.util.Arrays.toString(s) + " flags " + flags);
                }
            }
        }
        System.out.println("scalar fallback ok");
    }
}
