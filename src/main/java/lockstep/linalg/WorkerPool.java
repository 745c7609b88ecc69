package lockstep.linalg;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The persistent {@link HelperThread}s shared by all {@link FastMatMul}s with the same thread
 * count, and the flag that lends them to one caller at a time. A caller that finds them busy
 * computes alone, which gives the same bits. {@link #tryAcquire}/{@link #release} modify the flag.
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

    HelperThread helper(int i) {
        return helpers[i];
    }

    boolean tryAcquire() {
        return busy.compareAndSet(false, true);
    }

    void release() {
        busy.set(false);
    }
}
