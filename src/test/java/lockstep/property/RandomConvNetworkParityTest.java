package lockstep.property;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import lockstep.LockstepException;
import lockstep.comparison.Tolerance;
import lockstep.comparison.TolerancePolicy;
import lockstep.harness.LockstepResult;
import lockstep.linalg.DType;
import lockstep.spec.ActivationType;
import lockstep.spec.DataSpec;
import lockstep.spec.InputShape;
import lockstep.spec.LayerInput;
import lockstep.spec.LayerSpec;
import lockstep.spec.LossType;
import lockstep.spec.NetworkSpec;
import lockstep.spec.RunSpec;
import lockstep.spec.TrainingSpec;
import lockstep.spec.UpdaterSpec;
import lockstep.spec.UpdaterType;
import lockstep.spec.WeightInit;
import lockstep.spec.WindowSpec;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;

/**
 * Randomised differential testing of the convolutional family on a fixed seed: random small images (1 to 3 channels,
 * 4x4 to 9x9), one or two blocks of a convolution (kernel, stride, padding, Truncate or Same, an activation), maybe
 * batch normalisation and maybe MAX or AVG pooling, then maybe a dense layer and maybe batch normalisation, then the
 * output layer; SGD, Adam or Nesterovs; DOUBLE and FLOAT. Both sides from the seed, one epoch, agreeing at every step
 * within the default step tolerance (the trajectory is not asserted: see the comment in the property). A failure's message carries a spec and CSV that {@code ./lockstep compare --spec}
 * reproduces.
 */
class RandomConvNetworkParityTest {
    private static final AtomicInteger COMPARED = new AtomicInteger();
    private static final ActivationType[] ACTIVATIONS = {ActivationType.IDENTITY, ActivationType.RELU, ActivationType.TANH,
        ActivationType.SIGMOID, ActivationType.LEAKYRELU, ActivationType.ELU};

    @AfterProperty
    void atLeastFiftyNetworksWereCompared() {
        if (COMPARED.get() < 50) {
            throw new AssertionError("only " + COMPARED.get() + " random convolutional networks were compared; at least 50 are required");
        }
        System.out.println("RandomConvNetworkParityTest: " + COMPARED.get() + " random convolutional networks agreed with DL4J");
    }

    @Property(tries = 60, seed = "20261203")
    void randomConvolutionalNetworksAgreeWithDl4jAtEveryStep(@ForAll("runs") RandomRuns.RandomRun run) throws IOException {
        // Every step is judged by the step check (the anchored engine and DL4J's rule on its gradient); the trajectory
        // is not asserted here. Random conv networks reach chaotic and noise-level dynamics often: batch normalisation of
        // a unit (nearly) constant over a small batch divides by sqrt(eps), and at a relu's kink a rounding-sized
        // difference in z becomes an O(1) gradient difference (found: 2(relu)-bn, gradient 4_b engine 0, DL4J 10.9 at
        // step 2); a bias whose shift every example passes linearly into batch normalisation has a noise-level
        // gradient that Adam scales by up to lr/eps (found: update 2_b 7.9e-13 against -2.8e-13). docs/convolution.md.
        LockstepResult r = run.compare(everyStep(run));
        Assume.that(!RandomRuns.agreesAboutNothing(r));
        COMPARED.incrementAndGet();
        if (!r.passed()) {
            throw new AssertionError(run.failureMessage(r));
        }
    }

    /** The run's default tolerance with the trajectory not asserted (see above). */
    static TolerancePolicy everyStep(RandomRuns.RandomRun run) {
        TolerancePolicy policy = TolerancePolicy.defaultFor(run.spec().training().dataType());
        return policy.withDriftWindow(1).withTrajectory(new Tolerance(Double.POSITIVE_INFINITY, 1.0, policy.trajectory().absolute()));
    }

    /** A convolution block's draw: channels out, kernel, stride, padding, Same, activation, BN, pooling. */
    record Block(int channels, int kernelH, int kernelW, int stride, int padding, boolean same, ActivationType activation,
                 boolean batchNorm, int pooling) {
    }

    @Provide
    Arbitrary<RandomRuns.RandomRun> runs() {
        Arbitrary<Block> blocks = Combinators.combine(Arbitraries.integers().between(1, 4), Arbitraries.integers().between(1, 3),
                Arbitraries.integers().between(1, 3), Arbitraries.integers().between(1, 2), Arbitraries.integers().between(0, 1),
                Arbitraries.of(false, true), Arbitraries.of(ACTIVATIONS), Arbitraries.of(false, true, false))
                .as((c, kh, kw, s, p, same, act, bn) -> new Block(c, kh, kw, s, p, same, act, bn, 0))
                .flatMap(b -> Arbitraries.integers().between(0, 2).map(pool -> new Block(b.channels(), b.kernelH(), b.kernelW(),
                        b.stride(), b.padding(), b.same(), b.activation(), b.batchNorm(), pool)));
        Arbitrary<InputShape> images = Combinators.combine(Arbitraries.integers().between(4, 9), Arbitraries.integers().between(4, 9),
                Arbitraries.integers().between(1, 3)).as(InputShape::new);
        Arbitrary<int[]> tail = Combinators.combine(Arbitraries.integers().between(0, 6), Arbitraries.of(false, true),
                Arbitraries.integers().between(2, 4), Arbitraries.integers().between(0, ACTIVATIONS.length - 1))
                .as((hidden, bn, classes, act) -> new int[] {hidden, bn ? 1 : 0, classes, act});
        Arbitrary<TrainingSpec> training = Combinators.combine(Arbitraries.integers().between(2, 12),
                Arbitraries.longs().between(1, 1000), Arbitraries.of(DType.values()))
                .as((batch, seed, dtype) -> new TrainingSpec(batch, 1, seed, dtype));
        Arbitrary<UpdaterSpec> updaters = Combinators.combine(Arbitraries.of(UpdaterType.SGD, UpdaterType.ADAM, UpdaterType.NESTEROVS),
                Arbitraries.of(1e-2, 5e-2)).as(UpdaterSpec::new);
        return Combinators.combine(images, blocks.list().ofMinSize(1).ofMaxSize(2), tail, updaters, training,
                Arbitraries.longs().between(0, 1_000_000))
                .as((image, bs, t, updater, tr, dataSeed) -> {
                    NetworkSpec net = network(image, bs, t, updater);
                    return net == null ? null : new RandomRuns.RandomRun(new RunSpec(DataSpec.iris(), net, tr), dataSeed);
                })
                .filter(java.util.Objects::nonNull);
    }

    /** The network the draw describes, or null when a window does not fit what reaches it. */
    private static NetworkSpec network(InputShape image, List<Block> blocks, int[] tail, UpdaterSpec updater) {
        List<LayerSpec> layers = new ArrayList<>();
        int channels = image.channels();
        for (Block b : blocks) {
            int pad = b.same() ? 0 : b.padding();                 // DL4J refuses padding with Same
            WindowSpec conv = new WindowSpec(b.kernelH(), b.kernelW(), b.stride(), b.stride(), pad, pad,
                    b.same() ? WindowSpec.Mode.SAME : WindowSpec.Mode.TRUNCATE, null);
            layers.add(LayerSpec.convolution(channels, b.channels(), b.activation(), conv));
            channels = b.channels();
            if (b.batchNorm()) {
                layers.add(LayerSpec.batchNormalization(channels));
            }
            if (b.pooling() > 0) {
                layers.add(LayerSpec.subsampling(channels, new WindowSpec(2, 2, b.pooling(), b.pooling(), 0, 0,
                        WindowSpec.Mode.TRUNCATE, b.pooling() == 1 ? WindowSpec.Pooling.AVG : WindowSpec.Pooling.MAX)));
            }
        }
        NetworkSpec probe = new NetworkSpec(layers.isEmpty() ? layers : withOutput(layers, 1, 2), LossType.MCXENT,
                WeightInit.XAVIER, updater).withInput(image);
        int flat;
        try {
            List<LayerInput> inputs = LayerInput.of(probe);
            flat = inputs.get(inputs.size() - 1).size();
        } catch (LockstepException | IllegalArgumentException e) {
            return null;                                        // a kernel larger than what reaches it
        }
        int classes = tail[2];
        if (tail[0] > 0) {
            layers.add(new LayerSpec(flat, tail[0], ACTIVATIONS[tail[3]]));
            flat = tail[0];
            if (tail[1] == 1) {
                layers.add(LayerSpec.batchNormalization(flat));
            }
        }
        layers.add(new LayerSpec(flat, classes, ActivationType.SOFTMAX));
        return new NetworkSpec(layers, LossType.MCXENT, WeightInit.XAVIER, updater).withInput(image);
    }

    /** The layers with a stand-in output layer, for the shape walk to reach the end of the convolutional part. */
    private static List<LayerSpec> withOutput(List<LayerSpec> layers, int nIn, int classes) {
        List<LayerSpec> out = new ArrayList<>(layers);
        out.add(new LayerSpec(nIn, classes, ActivationType.SOFTMAX));
        return out;
    }
}
