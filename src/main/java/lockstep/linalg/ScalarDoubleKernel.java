package lockstep.linalg;

/**
 * The DOUBLE twin of {@link ScalarFloatKernel}: a plain-Java 4 x 4 tile updated with
 * {@link Math#fma}, bit-identical to the vector kernels. Modifies only the c tile.
 */
final class ScalarDoubleKernel implements DoubleKernel {
    private static final Blocking BLOCKING = Blocking.forTile(4, 4);

    @Override
    public Blocking blocking() {
        return BLOCKING;
    }

    @Override
    public void tile(int kc, double[] ap, int ai, double[] bp, int bi, double[] c, int ci, int ldc, boolean loadC) {
        // tile rows r = 0..3 start at c[ci + r*ldc]; ap holds [kc][4], bp holds [kc][4]
        int c1 = ci + ldc, c2 = c1 + ldc, c3 = c2 + ldc;
        double s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
        double s20 = 0, s21 = 0, s22 = 0, s23 = 0, s30 = 0, s31 = 0, s32 = 0, s33 = 0;
        if (loadC) {
            s00 = c[ci]; s01 = c[ci + 1]; s02 = c[ci + 2]; s03 = c[ci + 3];
            s10 = c[c1]; s11 = c[c1 + 1]; s12 = c[c1 + 2]; s13 = c[c1 + 3];
            s20 = c[c2]; s21 = c[c2 + 1]; s22 = c[c2 + 2]; s23 = c[c2 + 3];
            s30 = c[c3]; s31 = c[c3 + 1]; s32 = c[c3 + 2]; s33 = c[c3 + 3];
        }
        for (int p = 0; p < kc; p++, ai += 4, bi += 4) {
            double b0 = bp[bi], b1 = bp[bi + 1], b2 = bp[bi + 2], b3 = bp[bi + 3];
            double a = ap[ai];
            s00 = Math.fma(a, b0, s00); s01 = Math.fma(a, b1, s01); s02 = Math.fma(a, b2, s02); s03 = Math.fma(a, b3, s03);
            a = ap[ai + 1];
            s10 = Math.fma(a, b0, s10); s11 = Math.fma(a, b1, s11); s12 = Math.fma(a, b2, s12); s13 = Math.fma(a, b3, s13);
            a = ap[ai + 2];
            s20 = Math.fma(a, b0, s20); s21 = Math.fma(a, b1, s21); s22 = Math.fma(a, b2, s22); s23 = Math.fma(a, b3, s23);
            a = ap[ai + 3];
            s30 = Math.fma(a, b0, s30); s31 = Math.fma(a, b1, s31); s32 = Math.fma(a, b2, s32); s33 = Math.fma(a, b3, s33);
        }
        c[ci] = s00; c[ci + 1] = s01; c[ci + 2] = s02; c[ci + 3] = s03;
        c[c1] = s10; c[c1 + 1] = s11; c[c1 + 2] = s12; c[c1 + 3] = s13;
        c[c2] = s20; c[c2 + 1] = s21; c[c2 + 2] = s22; c[c2 + 3] = s23;
        c[c3] = s30; c[c3 + 1] = s31; c[c3 + 2] = s32; c[c3 + 3] = s33;
    }
}
