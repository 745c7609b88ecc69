package lockstep.linalg;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One product computed by several threads without a fixed split: first op(B) is packed once, in
 * (column block, depth block) pieces that the threads claim one at a time, into a buffer they all
 * read; then, once every piece is packed, they claim chunks of rows of C, each packing its own A
 * blocks. A thread that is descheduled simply claims less; one that never arrives claims nothing.
 * Each element of C gets the same fma chain as on one thread (its depth blocks in order), so the bits
 * do not depend on who computed what. Owned by a {@link WorkerPool}, one product at a time.
 */
final class SharedGemm {
    /** Thrown in a thread that stops because another thread of the same product failed. */
    static final class PeerFailed extends RuntimeException {
        PeerFailed() {
            super("another thread of this matrix product failed", null, false, false);
        }
    }

    /** Rows of C per claimed chunk, in register tiles: enough chunks per thread to even out a slow one. */
    static final int CHUNKS_PER_THREAD = 4;
    private static final long SPIN_NANOS = 20_000;

    /** The whole product: C[0:m, 0:n] (+)= op(A)·op(B). */
    final GemmTask whole = new GemmTask();
    private final AtomicInteger nextPiece = new AtomicInteger();
    private final AtomicInteger packedPieces = new AtomicInteger();
    private final AtomicInteger nextChunk = new AtomicInteger();
    private volatile boolean failed;
    private Blocking blocking;
    private int depthBlocks;
    private int pieces;
    private int chunkRows;
    private int chunks;
    private float[] floatB = new float[0];
    private double[] doubleB = new double[0];

    /**
     * Prepares the product for {@code threads} threads and, when it has at least two chunks of rows to
     * share ({@link #chunks()}), grows the shared buffer if needed. Call before handing it out.
     */
    SharedGemm set(Kernels kernels, Matrix a, boolean transposeA, Matrix b, boolean transposeB, Matrix c,
            boolean accumulate, int threads) {
        whole.set(kernels, a, transposeA, b, transposeB, c, accumulate, 0, c.rows(), 0, c.cols());
        boolean isFloat = c instanceof FMatrix;
        blocking = isFloat ? kernels.floats().blocking() : kernels.doubles().blocking();
        int m = c.rows();
        int n = c.cols();
        int k = whole.k;
        depthBlocks = (k + blocking.kc() - 1) / blocking.kc();
        pieces = (n + blocking.nc() - 1) / blocking.nc() * depthBlocks;
        int mr = blocking.mr();
        chunkRows = Math.max(mr, Blocking.roundUp((m + threads * CHUNKS_PER_THREAD - 1) / (threads * CHUNKS_PER_THREAD), mr));
        chunks = (m + chunkRows - 1) / chunkRows;
        int size = chunks < 2 ? 0 : Blocking.roundUp(n, blocking.nr()) * k;   // fewer: not shared, not packed here
        if (isFloat && floatB.length < size) {
            floatB = new float[size];
        } else if (!isFloat && doubleB.length < size) {
            doubleB = new double[size];
        }
        nextPiece.set(0);
        packedPieces.set(0);
        nextChunk.set(0);
        failed = false;
        return this;
    }

    /** Chunks of rows the product is cut into (at least 2 for a split to help). */
    int chunks() {
        return chunks;
    }

    /** Where the packed block op(B)[pc:pc+kc, jc:jc+nc] starts in the shared buffer: blocks of earlier columns, then earlier depths. */
    int packedOffset(int jc, int pc) {
        int nc = Math.min(blocking.nc(), whole.j1 - jc);
        return jc * whole.k + Blocking.roundUp(nc, blocking.nr()) * pc;
    }

    float[] floatB() {
        return floatB;
    }

    double[] doubleB() {
        return doubleB;
    }

    /**
     * This thread's share: packs pieces of op(B) while any are left, waits until all are packed, then
     * computes chunks of rows while any are left. Modifies the rows of C it claims, the shared buffer's
     * pieces it claims and this thread's workspace. If it throws, the other threads stop with {@link PeerFailed}.
     */
    void run(Workspace ws) {
        try {
            boolean isFloat = whole.c instanceof FMatrix;
            for (int p; (p = nextPiece.getAndIncrement()) < pieces; packedPieces.incrementAndGet()) {
                int jc = p / depthBlocks * blocking.nc();
                int pc = p % depthBlocks * blocking.kc();
                if (isFloat) {
                    FloatGemm.packShared(this, jc, pc, whole.kernels.floats());
                } else {
                    DoubleGemm.packShared(this, jc, pc, whole.kernels.doubles());
                }
            }
            awaitPacked();
            int m = whole.i1;
            for (int q; (q = nextChunk.getAndIncrement()) < chunks; ) {
                int i0 = q * chunkRows;
                int i1 = Math.min(m, i0 + chunkRows);
                if (isFloat) {
                    FloatGemm.sharedRows(this, i0, i1, whole.kernels.floats(), ws);
                } else {
                    DoubleGemm.sharedRows(this, i0, i1, whole.kernels.doubles(), ws);
                }
                if (failed) {
                    throw new PeerFailed();
                }
            }
        } catch (RuntimeException | Error e) {
            failed = true;
            throw e;
        }
    }

    /** Spins, then yields (a thread still packing gets the CPU), until every piece is packed or a thread failed. */
    private void awaitPacked() {
        long start = System.nanoTime();
        while (packedPieces.get() < pieces) {
            if (failed) {
                throw new PeerFailed();
            }
            if (System.nanoTime() - start < SPIN_NANOS) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
    }

    /** Drops the matrix references once the product is done. */
    void clear() {
        whole.a = null;
        whole.b = null;
        whole.c = null;
    }
}
