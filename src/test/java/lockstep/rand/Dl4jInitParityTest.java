package lockstep.rand;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import lockstep.dl4j.Dl4jNetworks;
import lockstep.linalg.DType;
import lockstep.spec.ActivationType;
import lockstep.spec.LayerSpec;
import lockstep.spec.LossType;
import lockstep.spec.NetworkSpec;
import lockstep.spec.UpdaterSpec;
import lockstep.spec.UpdaterType;
import lockstep.spec.WeightDistribution;
import lockstep.spec.WeightInit;
import lockstep.spec.WeightInitSpec;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@link Dl4jInit} against {@code MultiLayerNetwork.init()} itself: random seeds, 1 to 3 dense layers
 * of widths 1..40, each layer with its own scheme (every {@link WeightInit} and the three
 * {@link WeightDistribution}s), DOUBLE and FLOAT; every W and b element bit for bit.
 */
class Dl4jInitParityTest {
    /** Layers compared per scheme (by its description's name) and data type, for the summary after the property. */
    private static final java.util.Map<String, Integer> COMPARED = new java.util.concurrent.ConcurrentSkipListMap<>();
    private static final java.util.concurrent.atomic.AtomicInteger NETWORKS = new java.util.concurrent.atomic.AtomicInteger();

    @AfterProperty
    void everySchemeWasComparedInBothTypes() {
        System.out.println("Dl4jInitParityTest: " + NETWORKS.get() + " networks bit-identical; layers per scheme/type " + COMPARED);
        if (NETWORKS.get() < 200) {
            throw new AssertionError("only " + NETWORKS.get() + " networks were compared");
        }
        for (WeightInit w : WeightInit.values()) {
            for (DType t : DType.values()) {
                if (!COMPARED.containsKey(w.name() + "/" + t)) {
                    throw new AssertionError(w + " in " + t + " was never compared");
                }
            }
        }
    }

    /** A generated case: the seed, the data type and the layers (the last one is DL4J's OutputLayer). */
    record Case(long seed, DType type, List<Dl4jInit.Layer> layers) {
        @Override
        public String toString() {
            return "seed " + seed + " " + type + " " + layers.stream()
                    .map(l -> "[" + l.nIn() + "x" + l.nOut() + " " + l.weightInit().describe() + "]").toList();
        }
    }

    @Property(tries = 250, seed = "20260412")
    void initialParametersAreBitIdenticalToDl4j(@ForAll("cases") Case c) {
        List<Dl4jInit.Parameters> mine = Dl4jInit.best().draw(c.seed(), c.layers(), c.type());
        MultiLayerNetwork net = Dl4jNetworks.build(network(c.layers()), c.type(), c.seed());
        for (int k = 0; k < c.layers().size(); k++) {
            Dl4jInit.Layer l = c.layers().get(k);
            assertSame(net.getParam(k + "_W"), mine.get(k).w(), l.nIn(), l.nOut(), c + " layer " + k + " W");
            assertSame(net.getParam(k + "_b"), mine.get(k).b(), 1, l.nOut(), c + " layer " + k + " b");
            String scheme = l.weightInit().describe().replaceAll("\\(.*", "");
            COMPARED.merge(scheme + "/" + c.type(), 1, Integer::sum);
        }
        NETWORKS.incrementAndGet();
    }

    /** dl4j [rows, cols] (W) or [1, cols] / [cols] (b) against row-major values, bit for bit. */
    private static void assertSame(INDArray dl4j, double[] rowMajor, int rows, int cols, String what) {
        INDArray m = dl4j.reshape(rows, cols);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double expected = m.getDouble(i, j);
                double actual = rowMajor[i * cols + j];
                if (Double.doubleToRawLongBits(expected) != Double.doubleToRawLongBits(actual)) {
                    throw new AssertionError(what + " [" + i + "," + j + "]: DL4J " + expected + ", lockstep " + actual);
                }
            }
        }
    }

    private static NetworkSpec network(List<Dl4jInit.Layer> layers) {
        List<LayerSpec> specs = new ArrayList<>();
        for (Dl4jInit.Layer l : layers) {
            specs.add(new LayerSpec(l.nIn(), l.nOut(), ActivationType.IDENTITY, l.weightInit()));
        }
        return new NetworkSpec(specs, LossType.MSE, WeightInit.XAVIER, new UpdaterSpec(UpdaterType.SGD, 0.1));
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<Long> seeds = Arbitraries.longs().filter(s -> s != 0);
        Arbitrary<List<Integer>> widths = Arbitraries.integers().between(1, 40).list().ofMinSize(2).ofMaxSize(4);
        Arbitrary<List<WeightInitSpec>> inits = inits().list().ofSize(3);
        return Combinators.combine(seeds, Arbitraries.of(DType.values()), widths, inits).as(Dl4jInitParityTest::of);
    }

    /** Layer k maps widths[k] to widths[k+1]; IDENTITY, which needs a square W, makes its layer square. */
    private static Case of(long seed, DType type, List<Integer> widths, List<WeightInitSpec> inits) {
        List<Dl4jInit.Layer> layers = new ArrayList<>();
        int nIn = widths.get(0);
        for (int k = 0; k + 1 < widths.size(); k++) {
            WeightInitSpec init = inits.get(k);
            int nOut = init == WeightInit.IDENTITY ? nIn : widths.get(k + 1);
            layers.add(new Dl4jInit.Layer(nIn, nOut, init, 0.0));
            nIn = nOut;
        }
        return new Case(seed, type, layers);
    }

    private static Arbitrary<WeightInitSpec> inits() {
        Arbitrary<Double> means = Arbitraries.of(0.0, -0.5, 1.25);
        Arbitrary<Double> stds = Arbitraries.of(0.01, 0.3, 2.0);
        Arbitrary<WeightInitSpec> normal = Combinators.combine(means, stds).as(WeightDistribution.Normal::new);
        Arbitrary<WeightInitSpec> truncated = Combinators.combine(means, stds).as(WeightDistribution.TruncatedNormal::new);
        Arbitrary<WeightInitSpec> uniform = Combinators.combine(means, stds).as((lo, w) -> new WeightDistribution.Uniform(lo, lo + w));
        Arbitrary<WeightInitSpec> named = Arbitraries.of(Arrays.asList(WeightInit.values())).map(w -> w);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(WeightInit.values().length, named),
                net.jqwik.api.Tuple.of(1, normal), net.jqwik.api.Tuple.of(1, truncated), net.jqwik.api.Tuple.of(1, uniform));
    }
}
