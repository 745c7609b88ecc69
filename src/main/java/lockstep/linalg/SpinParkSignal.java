package lockstep.linalg;

import java.util.concurrent.locks.LockSupport;

/**
 * A counter that one thread advances and one other thread waits on. The waiter spins for a short
 * while (a hand-off in well under a microsecond when the signal comes soon) and then parks, so an
 * idle waiter costs no CPU. At most one signalling thread and one waiting thread at a time;
 * {@link #signal} modifies the count.
 */
final class SpinParkSignal {
    private volatile long count;
    private volatile Thread waiter;

    long count() {
        return count;
    }

    void signal() {
        count++; // not atomic, and need not be: one signaller at a time
        Thread w = waiter; // read after the write to count: a waiter that missed the count is unparked
        if (w != null) {
            LockSupport.unpark(w);
        }
    }

    /** Waits until the count differs from {@code seen} (spinning up to {@code spinNanos}, then parking); returns it. */
    long awaitChange(long seen, long spinNanos) {
        long start = System.nanoTime();
        long now;
        while ((now = count) == seen) {
            if (System.nanoTime() - start < spinNanos) {
                Thread.onSpinWait();
                continue;
            }
            waiter = Thread.currentThread(); // publish before re-reading count: no lost wake-up
            if (count == seen) {
                LockSupport.park(this);
            }
            waiter = null;
        }
        return now;
    }
}
