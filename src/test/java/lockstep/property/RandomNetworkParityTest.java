package lockstep.property;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import lockstep.harness.LockstepResult;
import lockstep.property.RandomRuns.RandomRun;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;

/**
 * Randomised differential testing on a fixed seed: 250 random valid networks from {@link RandomRuns}, trained
 * for one epoch, both sides agreeing at every step within the default tolerance. A failure shrinks to a
 * minimal case and its message carries the spec as JSON plus a CSV of the data, which
 * {@code ./lockstep compare --spec} reproduces. {@link FreshRandomNetworksTest} draws new networks each run.
 */
class RandomNetworkParityTest {
    /** Networks actually compared (not discarded); at least 200 per CI run. */
    private static final AtomicInteger COMPARED = new AtomicInteger();

    @AfterProperty
    void atLeastTwoHundredNetworksWereCompared() {
        if (COMPARED.get() < 200) {
            throw new AssertionError("only " + COMPARED.get() + " random networks were compared; at least 200 are required");
        }
        System.out.println("RandomNetworkParityTest: " + COMPARED.get() + " random networks agreed with DL4J at every step");
    }

    @Property(tries = 250, seed = "20261126")
    void randomNetworksAgreeWithDl4jAtEveryStep(@ForAll("runs") RandomRun run) throws IOException {
        LockstepResult r = run.compare();
        Assume.that(!RandomRuns.agreesAboutNothing(r));
        COMPARED.incrementAndGet();
        if (!r.passed()) {
            throw new AssertionError(run.failureMessage(r));
        }
    }

    @Provide
    Arbitrary<RandomRun> runs() {
        return RandomRuns.runs();
    }
}
