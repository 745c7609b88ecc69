package lockstep.property;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import lockstep.harness.AutogradTrainer;
import lockstep.harness.LockstepResult;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;

/**
 * The autograd engine's five-line step on the random convolutional networks of {@link RandomConvNetworkParityTest}:
 * Conv2d, MaxPool2d, AvgPool2d and BatchNorm composed of its own ops, against DL4J at every step, under the same
 * policy (every step judged, the trajectory not asserted).
 */
class RandomConvNetworkAutogradTest {
    private static final AtomicInteger COMPARED = new AtomicInteger();

    @AfterProperty
    void atLeastTwentyNetworksWereCompared() {
        if (COMPARED.get() < 20) {
            throw new AssertionError("only " + COMPARED.get() + " random convolutional networks ran on the autograd engine");
        }
        System.out.println("RandomConvNetworkAutogradTest: " + COMPARED.get() + " random convolutional networks on the"
                + " autograd engine agreed with DL4J");
    }

    @Property(tries = 30, seed = "20261204")
    void randomConvolutionalNetworksOnTheAutogradEngineAgreeWithDl4j(@ForAll("runs") RandomRuns.RandomRun run) throws IOException {
        LockstepResult r = run.compare(RandomConvNetworkParityTest.everyStep(run), AutogradTrainer.FACTORY);
        Assume.that(!RandomRuns.agreesAboutNothing(r));
        COMPARED.incrementAndGet();
        if (!r.passed()) {
            throw new AssertionError(run.failureMessage(r) + " --engine autograd");
        }
    }

    @Provide
    Arbitrary<RandomRuns.RandomRun> runs() {
        return new RandomConvNetworkParityTest().runs();
    }
}
