package lockstep.linalg;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs one product on the calling thread plus persistent {@link HelperThread}s, shared by all
 * {@link FastMatMul}s with the same thread count and lent to one caller at a time. A caller that
 * finds them busy computes alone instead, which gives the same bits.
 */
final class WorkerPool {
    private static final ConcurrentHashMap<Integer, WorkerPool> POOLS = new ConcurrentHashMap<>();

    private final HelperThread[] helpers;
    private final AtomicBoolean busy = new AtomicBoolean();
    /** The product being shared out by {@link #tryRunShared}, reused (with its packed B) from call to call. */
    private final SharedGemm shared = new SharedGemm();

    private WorkerPool(int size) {
        helpers = new HelperThread[size];
        for (int i = 0; i < size; i++) {
            helpers[i] = new HelperThread("lockstep-matmul-helper-" + (i + 1) + "/" + size);
        }
    }

    /** The shared pool of {@code size} helpers, started on first use. */
    static WorkerPool ofSize(int size) {
        return POOLS.computeIfAbsent(size, WorkerPool::new);
    }

    /**
     * Computes C (+)= op(A)·op(B) on the calling thread and every helper with a {@link SharedGemm}:
     * op(B) packed once, rows claimed dynamically. Returns false, running nothing, if another caller
     * holds the pool or the product has fewer than two chunks of rows. Modifies c. Rethrows the first
     * failure (a thread's own, not a {@link SharedGemm.PeerFailed}).
     */
    boolean tryRunShared(Kernels kernels, Matrix a, boolean transposeA, Matrix b, boolean transposeB, Matrix c,
            boolean accumulate) {
        if (!busy.compareAndSet(false, true)) {
            return false;
        }
        try {
            SharedGemm product = shared.set(kernels, a, transposeA, b, transposeB, c, accumulate, helpers.length + 1);
            if (product.chunks() < 2) {
                product.clear();
                return false;
            }
            for (HelperThread h : helpers) {
                h.task().setShared(product);
                h.post();
            }
            Throwable failure = null;
            try {
                product.run(Workspace.current());
            } catch (RuntimeException | Error e) {
                failure = e;
            }
            for (HelperThread h : helpers) {
                Throwable f = h.finish();
                if (f != null && (failure == null || failure instanceof SharedGemm.PeerFailed)) {
                    failure = f;
                }
            }
            product.clear();
            rethrow(failure);
            return true;
        } finally {
            busy.set(false);
        }
    }

    private static void rethrow(Throwable failure) {
        if (failure instanceof RuntimeException e) {
            throw e;
        } else if (failure instanceof Error e) {
            throw e;
        } else if (failure != null) {
            throw new IllegalStateException("matrix product failed on a helper thread", failure);
        }
    }

    /**
     * Runs {@code whole} as {@code parts <= size+1} parts (see {@link GemmTask#setPart}): parts 1..
     * on helpers, part 0 here, then waits for all. Returns false, running nothing, if another caller
     * holds the pool. Modifies the rectangle of C that {@code whole} names, and {@code whole} itself
     * (it ends as part 0). Rethrows what a part threw.
     */
    boolean tryRunSplit(GemmTask whole, int parts, boolean byRows, int unit) {
        if (!busy.compareAndSet(false, true)) {
            return false;
        }
        try {
            int posted = 0;
            Throwable failure = null;
            try {
                while (posted + 1 < parts && helpers[posted].task().setPart(whole, posted + 1, parts, byRows, unit)) {
                    helpers[posted++].post();
                }
                whole.setPart(whole, 0, parts, byRows, unit);
                whole.run();
            } finally {
                for (int q = 0; q < posted; q++) {
                    Throwable f = helpers[q].finish();
                    failure = failure == null ? f : failure;
                }
            }
            rethrow(failure);
            return true;
        } finally {
            busy.set(false);
        }
    }
}
