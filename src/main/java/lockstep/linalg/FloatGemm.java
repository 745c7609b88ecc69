package lockstep.linalg;

/**
 * The blocked, packed FLOAT product, in the GotoBLAS loop order: column blocks of nc, depth blocks of
 * kc (B block packed once), row blocks of mc (A block packed), then nr-wide and mr-high register
 * tiles. Tiles cut by the rectangle's edge run through a scratch tile. Two entry points: one
 * {@link GemmTask} rectangle on one thread ({@link #run}), and the pieces of a {@link SharedGemm}
 * that several threads share ({@link #packShared}, {@link #sharedRows}). Every element of C gets the
 * same fma chain either way: its depth blocks in order, each an fma chain over its kc.
 */
final class FloatGemm {
    private FloatGemm() {
    }

    /** The rectangle C[i0:i1, j0:j1] of {@code t}. Modifies only that rectangle and the workspace buffers. */
    static void run(GemmTask t, FloatKernel kernel, Workspace ws) {
        Blocking bl = kernel.blocking();
        FMatrix b = (FMatrix) t.b;
        float[] bp = ws.floatB(bl.packedBSize(t.j1 - t.j0, t.k));
        for (int jc = t.j0; jc < t.j1; jc += bl.nc()) {
            int nc = Math.min(bl.nc(), t.j1 - jc);
            for (int pc = 0; pc < t.k; pc += bl.kc()) {
                int kc = Math.min(bl.kc(), t.k - pc);
                // bp <- op(B)[pc:pc+kc, jc:jc+nc] as panels of nr columns
                Packing.pack(b.data, b.off, t.bColStride(), t.bDepthStride(), jc, nc, pc, kc, bl.nr(), bp, 0);
                rowBlocks(t, kernel, ws, t.i0, t.i1, jc, nc, pc, kc, bp, 0);
            }
        }
    }

    /**
     * Packs the block op(B)[pc:pc+kc, jc:jc+nc] of a shared product into {@code s}'s packed B at
     * {@link SharedGemm#packedOffset}. Modifies only that part of the shared buffer.
     */
    static void packShared(SharedGemm s, int jc, int pc, FloatKernel kernel) {
        Blocking bl = kernel.blocking();
        GemmTask t = s.whole;
        int nc = Math.min(bl.nc(), t.j1 - jc);
        int kc = Math.min(bl.kc(), t.k - pc);
        Packing.pack(((FMatrix) t.b).data, ((FMatrix) t.b).off, t.bColStride(), t.bDepthStride(), jc, nc, pc, kc, bl.nr(), s.floatB(),
                s.packedOffset(jc, pc));
    }

    /**
     * Rows [i0, i1) of a shared product, every column, against its packed op(B) (all of it packed
     * before any thread gets here). Modifies only C[i0:i1, :] and the workspace buffers.
     */
    static void sharedRows(SharedGemm s, int i0, int i1, FloatKernel kernel, Workspace ws) {
        Blocking bl = kernel.blocking();
        GemmTask t = s.whole;
        for (int jc = t.j0; jc < t.j1; jc += bl.nc()) {
            int nc = Math.min(bl.nc(), t.j1 - jc);
            for (int pc = 0; pc < t.k; pc += bl.kc()) {
                int kc = Math.min(bl.kc(), t.k - pc);
                rowBlocks(t, kernel, ws, i0, i1, jc, nc, pc, kc, s.floatB(), s.packedOffset(jc, pc));
            }
        }
    }

    /**
     * C[i0:i1, jc:jc+nc] (+)= op(A)[i0:i1, pc:pc+kc] · the packed B block at bp[bOff], mc rows at a time.
     * Modifies that part of C and the workspace's packed A and tile.
     */
    private static void rowBlocks(GemmTask t, FloatKernel kernel, Workspace ws, int i0, int i1, int jc, int nc, int pc,
            int kc, float[] bp, int bOff) {
        Blocking bl = kernel.blocking();
        FMatrix a = (FMatrix) t.a;
        FMatrix c = (FMatrix) t.c; // [m,n], row stride ldc = n, from c.off
        int ldc = t.c.cols();
        float[] ap = ws.floatA(bl.packedASize(i1 - i0, t.k));
        float[] tile = ws.floatTile(bl.mr() * bl.nr());
        for (int ic = i0; ic < i1; ic += bl.mc()) {
            int mc = Math.min(bl.mc(), i1 - ic);
            // ap <- op(A)[ic:ic+mc, pc:pc+kc] as panels of mr rows
            Packing.pack(a.data, a.off, t.aRowStride(), t.aDepthStride(), ic, mc, pc, kc, bl.mr(), ap, 0);
            tiles(kernel, kc, ap, bp, bOff, c.data, c.off + ic * ldc + jc, ldc, mc, nc, t.accumulate || pc > 0, tile);
        }
    }

    /** C[ic:ic+mc, jc:jc+nc] (starting at c[c0], row stride ldc) from the packed blocks; modifies c and tile. */
    private static void tiles(FloatKernel kernel, int kc, float[] ap, float[] bp, int bOff, float[] c, int c0, int ldc,
            int mc, int nc, boolean loadC, float[] tile) {
        int mr = kernel.blocking().mr();
        int nr = kernel.blocking().nr();
        for (int jr = 0; jr < nc; jr += nr) {
            int w = Math.min(nr, nc - jr);
            for (int ir = 0; ir < mc; ir += mr) {
                int h = Math.min(mr, mc - ir);
                int ci = c0 + ir * ldc + jr;
                if (h == mr && w == nr) {
                    kernel.tile(kc, ap, ir * kc, bp, bOff + jr * kc, c, ci, ldc, loadC);
                } else { // h x w corner of an mr x nr tile, computed in the scratch tile (row stride nr)
                    if (loadC) {
                        copy(c, ci, ldc, tile, 0, nr, h, w);
                    }
                    kernel.tile(kc, ap, ir * kc, bp, bOff + jr * kc, tile, 0, nr, loadC);
                    copy(tile, 0, nr, c, ci, ldc, h, w);
                }
            }
        }
    }

    private static void copy(float[] src, int s, int lds, float[] dst, int d, int ldd, int h, int w) {
        for (int r = 0; r < h; r++) {
            System.arraycopy(src, s + r * lds, dst, d + r * ldd, w);
        }
    }
}
