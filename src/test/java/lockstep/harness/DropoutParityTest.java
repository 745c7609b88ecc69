package lockstep.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import lockstep.comparison.Divergence;
import lockstep.comparison.Quantity;
import lockstep.comparison.TolerancePolicy;
import lockstep.data.Batch;
import lockstep.data.Datasets;
import lockstep.dl4j.Dl4jTrainer;
import lockstep.engine.EngineComponents;
import lockstep.engine.dropout.AdditiveNoise;
import lockstep.engine.dropout.AlphaDropout;
import lockstep.engine.dropout.InputDropout;
import lockstep.engine.init.InitialDraw;
import lockstep.linalg.DType;
import lockstep.linalg.Matrix;
import lockstep.rand.MaskSource;
import lockstep.report.ParityReport;
import lockstep.spec.ActivationType;
import lockstep.spec.DropoutSpec.Kind;
import lockstep.spec.DropoutSpec;
import lockstep.spec.LayerSpec;
import lockstep.spec.NetworkSpec;
import lockstep.spec.RunSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DL4J's four dropouts on both sides, each drawing its own random arrays from the seed: DL4J's stock Dropout,
 * GaussianDropout, GaussianNoise and AlphaDropout from ND4J's generator, the engine from its reproduction of it
 * ({@link InitialDraw}). Passing at every step means the arrays are the same bit for bit and are applied alike.
 */
class DropoutParityTest {

    /** Per kind, the parameter of each of the three layers' dropouts. */
    private static double[] values(Kind kind) {
        return switch (kind) {
            case DROPOUT -> new double[] {0.8, 0.5, 0.9};
            case GAUSSIAN_DROPOUT -> new double[] {0.1, 0.3, 0.2};
            case GAUSSIAN_NOISE -> new double[] {0.05, 0.2, 0.1};
            case ALPHA_DROPOUT -> new double[] {0.9, 0.7, 0.8};
        };
    }

    /** Iris 4-16(tanh)-8(relu)-3(softmax) with a {@code kind} dropout on every layer's input, {@code epochs} epochs. */
    static RunSpec withDropout(DType dtype, Kind kind, int epochs) {
        double[] v = values(kind);
        RunSpec d = RunSpec.irisDefault();
        NetworkSpec net = d.network().withLayers(List.of(
                new LayerSpec(4, 16, ActivationType.TANH).withDropout(DropoutSpec.of(kind, v[0])),
                new LayerSpec(16, 8, ActivationType.RELU).withDropout(DropoutSpec.of(kind, v[1])),
                new LayerSpec(8, 3, ActivationType.SOFTMAX).withDropout(DropoutSpec.of(kind, v[2]))));
        return d.withNetwork(net).withTraining(d.training().withDataType(dtype).withEpochs(epochs));
    }

    /** Iris 4-16(tanh)-8(selu)-6(relu)-3(softmax), one kind per layer: the arrays of four kinds drawn in layer order. */
    static RunSpec allFourKinds(DType dtype) {
        RunSpec d = RunSpec.irisDefault();
        NetworkSpec net = d.network().withLayers(List.of(
                new LayerSpec(4, 16, ActivationType.TANH).withDropout(new DropoutSpec.GaussianNoise(0.05)),
                new LayerSpec(16, 8, ActivationType.SELU).withDropout(new DropoutSpec.GaussianDropout(0.2)),
                new LayerSpec(8, 6, ActivationType.RELU).withDropout(new DropoutSpec.AlphaDropout(0.85)),
                new LayerSpec(6, 3, ActivationType.SOFTMAX).withDropout(new DropoutSpec.Dropout(0.7))));
        return d.withNetwork(net).withTraining(d.training().withDataType(dtype).withEpochs(3));
    }

    static Stream<Arguments> kindsAndTypes() {
        List<Arguments> out = new ArrayList<>();
        for (Kind k : Kind.values()) {
            for (DType t : DType.values()) {
                out.add(Arguments.of(k, t));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("kindsAndTypes")
    void everyKindTrainsLikeDl4jAtEveryStep(Kind kind, DType dtype) {
        LockstepResult r = LockstepRun.of(withDropout(dtype, kind, 3)).run(e -> { });
        assertTrue(r.passed(), () -> ParityReport.verdictLine(r));
        assertEquals(30, r.steps());
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void fourKindsInOneNetworkMatchDl4jOnBothEngines(DType dtype) {
        for (EngineFactory engine : List.of(EngineFactory.MATRIX, AutogradTrainer.FACTORY)) {
            LockstepResult r = LockstepRun.of(allFourKinds(dtype)).withEngine(engine).run(e -> { });
            assertTrue(r.passed(), () -> ParityReport.verdictLine(r));
            assertEquals(30, r.steps());
        }
    }

    /**
     * What the harness reads from DL4J as a layer's dropout array is the array DL4J applied: on the first layer (whose
     * input is the batch itself) DL4J's output is f(x, array) bit for bit, with f the kind's arithmetic in the data
     * type; and the engine draws the same array.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("kindsAndTypes")
    void theHarnessSeesTheArrayDl4jApplied(Kind kind, DType dtype) {
        RunSpec spec = withDropout(dtype, kind, 1);
        Batch batch = Datasets.iris().batch(IntStream.range(40, 56).toArray(), dtype);
        Dl4jTrainer dl4j = new Dl4jTrainer(spec.network(), dtype, spec.training().seed());
        dl4j.step(batch.features().toDoubleArray(), batch.labels().toDoubleArray(), batch.size());
        Map<Integer, double[]> arrays = dl4j.lastMasks();
        assertEquals(List.of(0, 1, 2), List.copyOf(arrays.keySet()));
        double[] r = arrays.get(0);
        double[] x = batch.features().toDoubleArray();
        double[] applied = InputDropout.of(spec.network().layers().get(0).dropout())
                .forward(batch.features(), Matrix.of(dtype, batch.size(), 4, r)).toDoubleArray();
        double[] out = dl4j.lastDroppedInputs().get(0);
        for (int i = 0; i < x.length; i++) {
            assertEquals(Double.doubleToRawLongBits(applied[i]), Double.doubleToRawLongBits(out[i]), kind + " element " + i);
        }
        MaskSource engine = InitialDraw.of(spec.network(), dtype, spec.training().seed()).masks();
        for (int l = 0; l < 3; l++) {
            assertArrayEquals(arrays.get(l), engine.mask(l, 0, batch.size(), spec.network().layers().get(l).nIn()),
                    "layer " + l + "'s array");
        }
    }

    /** Each kind's array is of its kind: 0 or 1/p, N(1, sqrt(rate/(1-rate))), N(0, stddev), 0 or 1 (within 5 standard errors). */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void eachKindDrawsItsOwnKindOfArray(Kind kind) {
        double v = switch (kind) {
            case DROPOUT -> 0.8;
            case GAUSSIAN_DROPOUT -> 0.2;
            case GAUSSIAN_NOISE -> 0.1;
            case ALPHA_DROPOUT -> 0.9;
        };
        NetworkSpec net = withDropout(DType.DOUBLE, Kind.DROPOUT, 1).network().withLayers(List.of(
                new LayerSpec(100, 3, ActivationType.SOFTMAX).withDropout(DropoutSpec.of(kind, v))));
        double[] m = InitialDraw.of(net, DType.DOUBLE, 42).masks().mask(0, 0, 100, 100);
        int n = m.length;
        double mean = java.util.Arrays.stream(m).average().orElseThrow();
        double sd = Math.sqrt(java.util.Arrays.stream(m).map(y -> (y - mean) * (y - mean)).sum() / (n - 1));
        switch (kind) {
            case DROPOUT, ALPHA_DROPOUT -> {
                double kept = kind == Kind.DROPOUT ? 1 / v : 1.0;
                assertTrue(java.util.Arrays.stream(m).allMatch(y -> y == 0 || y == kept));
                long count = java.util.Arrays.stream(m).filter(y -> y != 0).count();
                assertEquals(n * v, count, 5 * Math.sqrt(n * v * (1 - v)), "kept count");
            }
            case GAUSSIAN_DROPOUT -> {
                double std = Math.sqrt(v / (1 - v));
                assertEquals(1.0, mean, 5 * std / Math.sqrt(n));
                assertEquals(std, sd, 5 * std / Math.sqrt(2.0 * n));
            }
            case GAUSSIAN_NOISE -> {
                assertEquals(0.0, mean, 5 * v / Math.sqrt(n));
                assertEquals(v, sd, 5 * v / Math.sqrt(2.0 * n));
            }
        }
    }

    @Test
    void arraysAreDrawnInOrderAndKeptForARepeatedForwardPass() {
        NetworkSpec net = withDropout(DType.DOUBLE, Kind.DROPOUT, 1).network().withLayers(List.of(
                new LayerSpec(100, 3, ActivationType.SOFTMAX).withDropout(new DropoutSpec.GaussianNoise(0.1))));
        MaskSource masks = InitialDraw.of(net, DType.DOUBLE, 42).masks();
        double[] m = masks.mask(0, 0, 100, 100);
        assertArrayEquals(m, masks.mask(0, 0, 100, 100), "the same iteration asked again: the same array");
        assertFalse(java.util.Arrays.equals(m, masks.mask(0, 1, 100, 100)), "a new array every iteration");
        assertThrows(IllegalStateException.class, () -> masks.mask(0, 0, 100, 100), "an earlier iteration is gone");
        assertThrows(IllegalStateException.class, () -> masks.mask(0, 3, 100, 100), "an iteration cannot be skipped");
    }

    /**
     * One call of each stock class on its own, forward and backward, against the engine's {@link InputDropout} on the
     * array the engine draws from the same generator state: every output and gradient bit for bit, with zeros of
     * both signs in the input and p = 1 among the parameters.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("kindsAndTypes")
    void oneCallForwardAndBackwardAreDl4jsBitForBit(Kind kind, DType dtype) {
        lockstep.dl4j.Nd4jRuntime.init();
        org.nd4j.linalg.api.buffer.DataType t = lockstep.dl4j.Dl4jNetworks.dataType(dtype);
        int rows = 7;
        int cols = 9;
        lockstep.rand.SplitMix64 values = new lockstep.rand.SplitMix64(kind.ordinal() * 2L + dtype.ordinal() + 1);
        double[] parameters = kind == Kind.GAUSSIAN_DROPOUT || kind == Kind.GAUSSIAN_NOISE
                ? new double[] {0.01, 0.3, 0.6} : new double[] {0.05, 0.7, 1.0};
        for (double v : parameters) {
            DropoutSpec spec = DropoutSpec.of(kind, v);
            double[] x = new double[rows * cols];
            double[] g = new double[rows * cols];
            for (int i = 0; i < x.length; i++) {
                x[i] = i % 10 == 3 ? (i % 20 == 3 ? -0.0 : 0.0) : values.nextGaussian() * 3;
                g[i] = values.nextGaussian();
            }
            Matrix xm = Matrix.of(dtype, rows, cols, x);
            Matrix gm = Matrix.of(dtype, rows, cols, g);
            org.nd4j.linalg.api.ndarray.INDArray in = org.nd4j.linalg.factory.Nd4j.create(xm.toDoubleArray(),
                    new long[] {rows, cols}, 'c').castTo(t);
            org.nd4j.linalg.api.ndarray.INDArray grad = org.nd4j.linalg.factory.Nd4j.create(gm.toDoubleArray(),
                    new long[] {rows, cols}, 'c').castTo(t);
            org.nd4j.linalg.api.rng.Random global = org.nd4j.linalg.factory.Nd4j.getRandom();
            global.setSeed(1000 + kind.ordinal());
            lockstep.rand.Nd4jRandom rng = lockstep.rand.Nd4jRandom.ofStates(global.rootState(), global.nodeState());
            org.deeplearning4j.nn.conf.dropout.IDropout stock = switch (kind) {
                case DROPOUT -> new org.deeplearning4j.nn.conf.dropout.Dropout(v);
                case GAUSSIAN_DROPOUT -> new org.deeplearning4j.nn.conf.dropout.GaussianDropout(v);
                case GAUSSIAN_NOISE -> new org.deeplearning4j.nn.conf.dropout.GaussianNoise(v);
                case ALPHA_DROPOUT -> new org.deeplearning4j.nn.conf.dropout.AlphaDropout(v);
            };
            org.deeplearning4j.nn.workspace.LayerWorkspaceMgr none = org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces();
            double[] out = stock.applyDropout(in, in.ulike(), 0, 0, none).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE)
                    .dup('c').data().asDouble();
            double[] gradIn = stock.backprop(grad, grad.ulike(), 0, 0).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE)
                    .dup('c').data().asDouble();

            Matrix r = Matrix.of(dtype, rows, cols, new lockstep.rand.Dl4jDropout(lockstep.rand.Nd4jDistributions.best())
                    .draw(rng, rows, cols, spec, false, dtype));
            assertEquals(global.nodeState(), rng.nodeState(), "one op drawn");
            InputDropout engine = InputDropout.of(spec);
            double[] forward = engine.forward(xm, r).toDoubleArray();
            double[] backward = engine.backward(gm, r).toDoubleArray();
            for (int i = 0; i < out.length; i++) {
                assertEquals(Double.doubleToRawLongBits(out[i]), Double.doubleToRawLongBits(forward[i]),
                        spec.describe() + " forward element " + i + ": dl4j " + out[i] + " engine " + forward[i]);
                assertEquals(Double.doubleToRawLongBits(gradIn[i]), Double.doubleToRawLongBits(backward[i]),
                        spec.describe() + " backward element " + i + ": dl4j " + gradIn[i] + " engine " + backward[i]);
            }
        }
    }

    /** The engine's AlphaDropout constants are DL4J's, bit for bit. */
    @Test
    void alphaDropoutConstantsAreDl4js() {
        for (double p : new double[] {0.05, 0.5, 0.7, 0.8, 0.85, 0.9, 0.95, 0.999, 1.0}) {
            AlphaDropout engine = new AlphaDropout(p);
            org.deeplearning4j.nn.conf.dropout.AlphaDropout dl4j = new org.deeplearning4j.nn.conf.dropout.AlphaDropout(p);
            assertEquals(Double.doubleToRawLongBits(dl4j.getAlphaPrime()), Double.doubleToRawLongBits(engine.alphaPrime()), "α' at " + p);
            assertEquals(Double.doubleToRawLongBits(dl4j.getA()), Double.doubleToRawLongBits(engine.a()), "a at " + p);
            assertEquals(Double.doubleToRawLongBits(dl4j.getB()), Double.doubleToRawLongBits(engine.b()), "b at " + p);
        }
    }

    /**
     * DL4J fed the engine's arrays through {@code ExternalMaskDropout} (the stock classes' arithmetic on given arrays)
     * trains exactly as DL4J with its own stock classes: parameters bit-identical after 4 steps.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("kindsAndTypes")
    void externalArraysReplayTheStockClassesExactly(Kind kind, DType dtype) {
        RunSpec spec = withDropout(dtype, kind, 1);
        long seed = spec.training().seed();
        Dl4jTrainer stock = new Dl4jTrainer(spec.network(), dtype, seed);
        Dl4jTrainer replay = new Dl4jTrainer(spec.network(), dtype, seed, InitialDraw.of(spec.network(), dtype, seed).masks());
        for (int s = 0; s < 4; s++) {
            Batch b = Datasets.iris().batch(IntStream.range(30 * s, 30 * s + 16).toArray(), dtype);
            stock.step(b.features().toDoubleArray(), b.labels().toDoubleArray(), b.size());
            replay.step(b.features().toDoubleArray(), b.labels().toDoubleArray(), b.size());
        }
        stock.parameters().forEach((k, v) -> {
            double[] w = replay.parameters().get(k);
            for (int i = 0; i < v.length; i++) {
                assertEquals(Double.doubleToRawLongBits(v[i]), Double.doubleToRawLongBits(w[i]), kind + " " + k + "[" + i + "]");
            }
        });
    }

    // ---- the twins: one planted bug per kind, each caught at step 1 at its layer ----

    private static LockstepResult run(RunSpec spec, EngineComponents components) {
        DType dtype = spec.training().dataType();
        return new LockstepRun(spec, Datasets.iris(), components, TolerancePolicy.defaultFor(dtype)).run(e -> { });
    }

    private static void assertCaught(LockstepResult r, Quantity quantity, int layer) {
        assertFalse(r.passed(), "the planted bug passed");
        Divergence d = r.divergence();
        assertEquals(1, d.globalStep(), d.describe());
        assertEquals(quantity, d.quantity(), d.describe());
        assertEquals(layer, d.layer(), d.describe());
    }

    /** Dropout scaling kept activations by p instead of 1/p: the first layer's mask, at step 1. */
    @ParameterizedTest
    @EnumSource(DType.class)
    void dropoutScaledByPIsCaught(DType dtype) {
        LockstepResult r = run(withDropout(dtype, Kind.DROPOUT, 1), new EngineComponents() {
            @Override
            public InitialDraw initialDraw(NetworkSpec spec, DType t, long seed) {
                InitialDraw right = super.initialDraw(spec, t, seed);
                return new InitialDraw(right.parameters(), (layer, iteration, rows, cols) -> {
                    double[] m = right.masks().mask(layer, iteration, rows, cols);
                    double p = spec.layers().get(layer).dropout().value();
                    for (int i = 0; i < m.length; i++) {
                        m[i] = m[i] == 0 ? 0 : p;
                    }
                    return m;
                });
            }
        });
        assertCaught(r, Quantity.DROPOUT_MASK, 0);
        assertEquals(0.8, r.divergence().engineValue(), 1e-7);
        assertEquals(1 / 0.8, r.divergence().dl4jValue(), 1e-7);
    }

    /**
     * GaussianDropout noise with standard deviation sqrt(rate) instead of sqrt(rate / (1 − rate)): the same standard
     * normal draws, scaled by the wrong deviation. The first layer's noise, at step 1.
     */
    @ParameterizedTest
    @EnumSource(DType.class)
    void gaussianDropoutWithTheRateAsVarianceIsCaught(DType dtype) {
        LockstepResult r = run(withDropout(dtype, Kind.GAUSSIAN_DROPOUT, 1), new EngineComponents() {
            @Override
            public InitialDraw initialDraw(NetworkSpec spec, DType t, long seed) {
                InitialDraw right = super.initialDraw(spec, t, seed);
                return new InitialDraw(right.parameters(), (layer, iteration, rows, cols) -> {
                    double[] noise = right.masks().mask(layer, iteration, rows, cols);
                    double rate = spec.layers().get(layer).dropout().value();
                    double ratio = Math.sqrt(rate) / Math.sqrt(rate / (1 - rate));
                    for (int i = 0; i < noise.length; i++) {
                        noise[i] = t == DType.FLOAT ? (float) (1 + (noise[i] - 1) * ratio) : 1 + (noise[i] - 1) * ratio;
                    }
                    return noise;
                });
            }
        });
        assertCaught(r, Quantity.DROPOUT_MASK, 0);
    }

    /** GaussianNoise added twice in the forward pass (the array is right, its use is not): the first layer's input after it. */
    @ParameterizedTest
    @EnumSource(DType.class)
    void gaussianNoiseAddedTwiceIsCaught(DType dtype) {
        LockstepResult r = run(withDropout(dtype, Kind.GAUSSIAN_NOISE, 1), new EngineComponents() {
            @Override
            public InputDropout inputDropout(DropoutSpec spec) {
                return new AdditiveNoise() {
                    @Override
                    public Matrix forward(Matrix x, Matrix noise) {
                        return super.forward(super.forward(x, noise), noise);
                    }
                };
            }
        });
        assertCaught(r, Quantity.DROPOUT_OUTPUT, 0);
    }

    /**
     * GaussianNoise added to the gradient in the backward pass too (dL/dx = dL/dx' + noise): the forward pass is right,
     * so the first wrong number is a gradient of layer 1, the layer under the last layer's noisy input, at step 1.
     */
    @ParameterizedTest
    @EnumSource(DType.class)
    void gaussianNoiseInTheBackwardPassIsCaught(DType dtype) {
        LockstepResult r = run(withDropout(dtype, Kind.GAUSSIAN_NOISE, 1), new EngineComponents() {
            @Override
            public InputDropout inputDropout(DropoutSpec spec) {
                return new AdditiveNoise() {
                    @Override
                    public Matrix backward(Matrix dOut, Matrix noise) {
                        return super.forward(dOut, noise);
                    }
                };
            }
        });
        assertCaught(r, Quantity.GRADIENT, 1);
    }

    /** AlphaDropout's shift b computed with p instead of 1 − p: the first layer's input after it, at step 1. */
    @ParameterizedTest
    @EnumSource(DType.class)
    void alphaDropoutWithAWrongShiftIsCaught(DType dtype) {
        LockstepResult r = run(withDropout(dtype, Kind.ALPHA_DROPOUT, 1), new EngineComponents() {
            @Override
            public InputDropout inputDropout(DropoutSpec spec) {
                AlphaDropout right = new AlphaDropout(spec.value());
                double p = spec.value();
                return AlphaDropout.withConstants(right.alphaPrime(), right.a(), -right.a() * p * right.alphaPrime());
            }
        });
        assertCaught(r, Quantity.DROPOUT_OUTPUT, 0);
        assertNotEquals(r.divergence().engineValue(), r.divergence().dl4jValue());
    }
}
