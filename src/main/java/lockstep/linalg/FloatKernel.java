package lockstep.linalg;

/**
 * A FLOAT micro-kernel: one {@code mr x nr} register tile of C from packed panels of A and B.
 * Every element is the chain {@code acc = fma(a_p, b_p, acc)} for p = 0, 1, ..., kc-1 starting
 * from C (or 0), so a result never depends on which kernel, tile position or thread computed it.
 */
interface FloatKernel {

    Blocking blocking();

    /**
     * {@code c[ci + r*ldc + j] = fma chain over p of ap[ai + p*mr + r] * bp[bi + p*nr + j]}, for
     * r < mr and j < nr, starting from the old c element when {@code loadC}, else from 0.
     * ap: packed A micro-panel [kc][mr]; bp: packed B micro-panel [kc][nr]; modifies only that tile of c.
     */
    void tile(int kc, float[] ap, int ai, float[] bp, int bi, float[] c, int ci, int ldc, boolean loadC);
}
