package lockstep.linalg;

/** The DOUBLE twin of {@link FloatKernel}: same contract, same fma chain; modifies only the c tile. */
interface DoubleKernel {

    Blocking blocking();

    /** See {@link FloatKernel#tile}; ap is [kc][mr], bp is [kc][nr]. */
    void tile(int kc, double[] ap, int ai, double[] bp, int bi, double[] c, int ci, int ldc, boolean loadC);
}
