package lockstep.linalg;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Where one thread waits for an {@link AtomicInteger} state to reach a value: it spins for a few
 * microseconds (a hand-off then costs well under a microsecond), then yields (so a thread it waits
 * for gets the CPU when cores are oversubscribed), then parks until {@link #wake}. One waiting thread
 * at a time; a thread that changes the state calls {@link #wake} afterwards. Modifies only itself.
 */
final class WaitSlot {
    private volatile Thread waiter;

    void awaitState(AtomicInteger state, int wanted, long spinNanos, long yieldNanos) {
        long start = System.nanoTime();
        while (state.get() != wanted) {
            long waited = System.nanoTime() - start;
            if (waited < spinNanos) {
                Thread.onSpinWait();
            } else if (waited < yieldNanos) {
                Thread.yield();
            } else {
                waiter = Thread.currentThread(); // publish, then re-read the state: no lost wake-up
                if (state.get() != wanted) {
                    LockSupport.park(this);
                }
                waiter = null;
            }
        }
    }

    void wake() {
        Thread w = waiter;
        if (w != null) {
            LockSupport.unpark(w);
        }
    }
}
