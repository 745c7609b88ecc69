package lockstep.linalg;

/**
 * The DOUBLE twin of {@link FloatGemm}: the blocked, packed product for one {@link GemmTask}
 * rectangle. Modifies only {@code C[i0:i1, j0:j1]} and the workspace buffers.
 */
final class DoubleGemm {
    private DoubleGemm() {
    }

    static void run(GemmTask t, DoubleKernel kernel, Workspace ws) {
        Blocking bl = kernel.blocking();
        double[] a = ((DMatrix) t.a).data;
        double[] b = ((DMatrix) t.b).data;
        double[] c = ((DMatrix) t.c).data; // [m,n], row stride ldc = n
        int ldc = t.c.cols();
        double[] ap = ws.doubleA(bl.packedASize(t.i1 - t.i0, t.k));
        double[] bp = ws.doubleB(bl.packedBSize(t.j1 - t.j0, t.k));
        double[] tile = ws.doubleTile(bl.mr() * bl.nr());
        for (int jc = t.j0; jc < t.j1; jc += bl.nc()) {
            int nc = Math.min(bl.nc(), t.j1 - jc);
            for (int pc = 0; pc < t.k; pc += bl.kc()) {
                int kc = Math.min(bl.kc(), t.k - pc);
                // bp <- op(B)[pc:pc+kc, jc:jc+nc] as panels of nr columns
                Packing.pack(b, t.bColStride(), t.bDepthStride(), jc, nc, pc, kc, bl.nr(), bp);
                for (int ic = t.i0; ic < t.i1; ic += bl.mc()) {
                    int mc = Math.min(bl.mc(), t.i1 - ic);
                    // ap <- op(A)[ic:ic+mc, pc:pc+kc] as panels of mr rows
                    Packing.pack(a, t.aRowStride(), t.aDepthStride(), ic, mc, pc, kc, bl.mr(), ap);
                    tiles(kernel, kc, ap, bp, c, ic * ldc + jc, ldc, mc, nc, t.accumulate || pc > 0, tile);
                }
            }
        }
    }

    /** C[ic:ic+mc, jc:jc+nc] (starting at c[c0], row stride ldc) from the packed blocks; modifies c and tile. */
    private static void tiles(DoubleKernel kernel, int kc, double[] ap, double[] bp, double[] c, int c0, int ldc,
            int mc, int nc, boolean loadC, double[] tile) {
        int mr = kernel.blocking().mr();
        int nr = kernel.blocking().nr();
        for (int jr = 0; jr < nc; jr += nr) {
            int w = Math.min(nr, nc - jr);
            for (int ir = 0; ir < mc; ir += mr) {
                int h = Math.min(mr, mc - ir);
                int ci = c0 + ir * ldc + jr;
                if (h == mr && w == nr) {
                    kernel.tile(kc, ap, ir * kc, bp, jr * kc, c, ci, ldc, loadC);
                } else { // h x w corner of an mr x nr tile, computed in the scratch tile (row stride nr)
                    if (loadC) {
                        copy(c, ci, ldc, tile, 0, nr, h, w);
                    }
                    kernel.tile(kc, ap, ir * kc, bp, jr * kc, tile, 0, nr, loadC);
                    copy(tile, 0, nr, c, ci, ldc, h, w);
                }
            }
        }
    }

    private static void copy(double[] src, int s, int lds, double[] dst, int d, int ldd, int h, int w) {
        for (int r = 0; r < h; r++) {
            System.arraycopy(src, s + r * lds, dst, d + r * ldd, w);
        }
    }
}
