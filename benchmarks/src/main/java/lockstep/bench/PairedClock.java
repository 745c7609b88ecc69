package lockstep.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The clock of a paired benchmark: measured iterations alternate between the engine and the other side (DL4J or
 * ND4J), and each iteration adds the nanoseconds and operations of the side whose turn it is here, in JMH auxiliary
 * counters that JMH sums per iteration and stores per fork and iteration in its JSON ({@code rawData}). An engine
 * iteration and the other side's iteration next to it share a time window of a few seconds, so a slow patch of a
 * shared machine falls on both; ResultsTable turns each such pair into one sample of the ratio of mean operation
 * times (other/engine) and prints their mean with a 95% interval. The benchmark method times only its operation
 * ({@link System#nanoTime()} around it), so untimed work such as a reset to the initial weights may sit beside it.
 *
 * <p>Iterations start with the other side (warmup included), so with an even warmup count the first measured
 * iteration is also the other side's. Modified by {@link #add}; one per benchmark thread.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class PairedClock {
    public long engineNanos;
    public long engineOps;
    public long otherNanos;
    public long otherOps;
    private boolean engineTurn = true;

    /** A new iteration: the counters back to 0 and the turn to the other side. */
    @Setup(Level.Iteration)
    public void nextIteration() {
        engineNanos = 0;
        engineOps = 0;
        otherNanos = 0;
        otherOps = 0;
        engineTurn = !engineTurn;
    }

    /** Whether this iteration times the engine (else the other side). */
    boolean engineTurn() {
        return engineTurn;
    }

    /** Adds one timed operation of {@code nanos} to the side whose turn it is. */
    void add(long nanos) {
        if (engineTurn) {
            engineNanos += nanos;
            engineOps++;
        } else {
            otherNanos += nanos;
            otherOps++;
        }
    }
}
