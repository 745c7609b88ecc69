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
            if (failure instanceof RuntimeException e) {
                throw e;
            } else if (failure instanceof Error e) {
                throw e;
            } else if (failure != null) {
                throw new IllegalStateException("matrix product failed on a helper thread", failure);
            }
            return true;
        } finally {
            busy.set(false);
        }
    }
}
