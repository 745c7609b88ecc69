package lockstep.linalg;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A persistent daemon thread that runs one {@link GemmTask} at a time for a caller. The caller
 * fills {@link #task()}, calls {@link #post()}, computes its own share and then {@link #finish}es:
 * if the helper has not claimed the task yet (asleep, or descheduled on a busy machine) the caller
 * runs it itself, else it waits for the helper. Either way the same code computes the same bits.
 * The task, and the part of C it names, belong to whoever claimed it until finish returns.
 */
final class HelperThread {
    private static final int IDLE = 0;
    private static final int POSTED = 1;
    private static final int RUNNING = 2;

    /** Idle helper: spin this long for the next task, then park (no yielding: a caller never waits on it). */
    static final long IDLE_SPIN_NANOS = 50_000;
    /** Caller waiting for a running helper: spin, then yield, then park. */
    static final long FINISH_SPIN_NANOS = 20_000;
    static final long FINISH_YIELD_NANOS = 2_000_000;

    private final GemmTask task = new GemmTask();
    private final AtomicInteger state = new AtomicInteger(IDLE);
    private final WaitSlot helperSlot = new WaitSlot();
    private final WaitSlot callerSlot = new WaitSlot();
    private Throwable failure; // written before state returns to IDLE, read after

    HelperThread(String name) {
        Thread thread = new Thread(this::loop, name);
        thread.setDaemon(true);
        thread.start();
    }

    GemmTask task() {
        return task;
    }

    void post() {
        state.set(POSTED);
        helperSlot.wake();
    }

    /** Runs the posted task here unless the helper claimed it, waits for it, and returns what it threw, or null. */
    Throwable finish() {
        if (state.compareAndSet(POSTED, RUNNING)) {
            runClaimed();
        } else {
            callerSlot.awaitState(state, IDLE, FINISH_SPIN_NANOS, FINISH_YIELD_NANOS);
        }
        Throwable f = failure;
        failure = null;
        return f;
    }

    private void runClaimed() {
        try {
            task.run();
        } catch (Throwable e) { // handed to the caller by finish(); the helper lives on
            failure = e;
        }
        state.set(IDLE);
    }

    private void loop() {
        while (true) {
            helperSlot.awaitState(state, POSTED, IDLE_SPIN_NANOS, IDLE_SPIN_NANOS);
            if (state.compareAndSet(POSTED, RUNNING)) {
                runClaimed();
                callerSlot.wake();
            }
        }
    }
}
