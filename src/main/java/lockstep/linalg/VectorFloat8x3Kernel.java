package lockstep.linalg;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * FLOAT micro-kernel on {@link FloatVector#SPECIES_PREFERRED} (L lanes): an 8 x 3L tile of C held
 * in 24 vector accumulators, one lane-wise fma per element and k step. The tile for 32 vector
 * registers (AVX-512); only {@link VectorKernels} names this class. Modifies only the c tile.
 */
final class VectorFloat8x3Kernel implements FloatKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final Blocking BLOCKING = Blocking.forTile(8, 3 * L);

    @Override
    public Blocking blocking() {
        return BLOCKING;
    }

    @Override
    public void tile(int kc, float[] ap, int ai, float[] bp, int bi, float[] c, int ci, int ldc, boolean loadC) {
        // row r of the tile starts at c[ci + r*ldc]; column vector v covers lanes [v*L, v*L + L)
        int c1 = ci + ldc, c2 = c1 + ldc, c3 = c2 + ldc, c4 = c3 + ldc, c5 = c4 + ldc, c6 = c5 + ldc, c7 = c6 + ldc;
        FloatVector r00 = load(c, ci, loadC), r01 = load(c, ci + L, loadC), r02 = load(c, ci + 2 * L, loadC);
        FloatVector r10 = load(c, c1, loadC), r11 = load(c, c1 + L, loadC), r12 = load(c, c1 + 2 * L, loadC);
        FloatVector r20 = load(c, c2, loadC), r21 = load(c, c2 + L, loadC), r22 = load(c, c2 + 2 * L, loadC);
        FloatVector r30 = load(c, c3, loadC), r31 = load(c, c3 + L, loadC), r32 = load(c, c3 + 2 * L, loadC);
        FloatVector r40 = load(c, c4, loadC), r41 = load(c, c4 + L, loadC), r42 = load(c, c4 + 2 * L, loadC);
        FloatVector r50 = load(c, c5, loadC), r51 = load(c, c5 + L, loadC), r52 = load(c, c5 + 2 * L, loadC);
        FloatVector r60 = load(c, c6, loadC), r61 = load(c, c6 + L, loadC), r62 = load(c, c6 + 2 * L, loadC);
        FloatVector r70 = load(c, c7, loadC), r71 = load(c, c7 + L, loadC), r72 = load(c, c7 + 2 * L, loadC);
        for (int p = 0; p < kc; p++, ai += 8, bi += 3 * L) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
            FloatVector b2 = FloatVector.fromArray(S, bp, bi + 2 * L);
            FloatVector a = FloatVector.broadcast(S, ap[ai]);
            r00 = a.fma(b0, r00); r01 = a.fma(b1, r01); r02 = a.fma(b2, r02);
            a = FloatVector.broadcast(S, ap[ai + 1]);
            r10 = a.fma(b0, r10); r11 = a.fma(b1, r11); r12 = a.fma(b2, r12);
            a = FloatVector.broadcast(S, ap[ai + 2]);
            r20 = a.fma(b0, r20); r21 = a.fma(b1, r21); r22 = a.fma(b2, r22);
            a = FloatVector.broadcast(S, ap[ai + 3]);
            r30 = a.fma(b0, r30); r31 = a.fma(b1, r31); r32 = a.fma(b2, r32);
            a = FloatVector.broadcast(S, ap[ai + 4]);
            r40 = a.fma(b0, r40); r41 = a.fma(b1, r41); r42 = a.fma(b2, r42);
            a = FloatVector.broadcast(S, ap[ai + 5]);
            r50 = a.fma(b0, r50); r51 = a.fma(b1, r51); r52 = a.fma(b2, r52);
            a = FloatVector.broadcast(S, ap[ai + 6]);
            r60 = a.fma(b0, r60); r61 = a.fma(b1, r61); r62 = a.fma(b2, r62);
            a = FloatVector.broadcast(S, ap[ai + 7]);
            r70 = a.fma(b0, r70); r71 = a.fma(b1, r71); r72 = a.fma(b2, r72);
        }
        r00.intoArray(c, ci); r01.intoArray(c, ci + L); r02.intoArray(c, ci + 2 * L);
        r10.intoArray(c, c1); r11.intoArray(c, c1 + L); r12.intoArray(c, c1 + 2 * L);
        r20.intoArray(c, c2); r21.intoArray(c, c2 + L); r22.intoArray(c, c2 + 2 * L);
        r30.intoArray(c, c3); r31.intoArray(c, c3 + L); r32.intoArray(c, c3 + 2 * L);
        r40.intoArray(c, c4); r41.intoArray(c, c4 + L); r42.intoArray(c, c4 + 2 * L);
        r50.intoArray(c, c5); r51.intoArray(c, c5 + L); r52.intoArray(c, c5 + 2 * L);
        r60.intoArray(c, c6); r61.intoArray(c, c6 + L); r62.intoArray(c, c6 + 2 * L);
        r70.intoArray(c, c7); r71.intoArray(c, c7 + L); r72.intoArray(c, c7 + 2 * L);
    }

    private static FloatVector load(float[] c, int i, boolean loadC) {
        return loadC ? FloatVector.fromArray(S, c, i) : FloatVector.zero(S);
    }
}
