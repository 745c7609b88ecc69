package lockstep.linalg;

/**
 * A persistent daemon thread that runs one {@link GemmTask} at a time for a caller: the caller
 * fills {@link #task()}, calls {@link #start()}, computes its own share and then {@link #await}s.
 * Between tasks the thread spins briefly and then parks. The task (and the part of C it names)
 * belongs to the helper from start until await returns.
 */
final class HelperThread {
    /** How long an idle helper spins for the next task before it parks. */
    static final long IDLE_SPIN_NANOS = 200_000;
    /** How long a caller spins for the helper to finish before it parks. */
    static final long AWAIT_SPIN_NANOS = 200_000;

    private final GemmTask task = new GemmTask();
    private final SpinParkSignal posted = new SpinParkSignal();
    private final SpinParkSignal done = new SpinParkSignal();
    private volatile Throwable failure;

    HelperThread(String name) {
        Thread thread = new Thread(this::loop, name);
        thread.setDaemon(true);
        thread.start();
    }

    GemmTask task() {
        return task;
    }

    void start() {
        posted.signal();
    }

    /** Waits for the started task; returns what it threw, or null. */
    Throwable await() {
        done.awaitChange(posted.count() - 1, AWAIT_SPIN_NANOS);
        Throwable f = failure;
        failure = null;
        return f;
    }

    private void loop() {
        long seen = 0;
        while (true) {
            seen = posted.awaitChange(seen, IDLE_SPIN_NANOS);
            try {
                task.run();
            } catch (Throwable e) { // handed to the caller by await(); the helper lives on
                failure = e;
            }
            done.signal();
        }
    }
}
