package lockstep.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lockstep.comparison.TensorDiff;
import lockstep.comparison.Tolerance;
import lockstep.comparison.TolerancePolicy;
import lockstep.data.Batch;
import lockstep.data.Dataset;
import lockstep.dl4j.Dl4jProbe;
import lockstep.dl4j.Dl4jStep;
import lockstep.dl4j.Dl4jTrainer;
import lockstep.engine.EngineComponents;
import lockstep.engine.Network;
import lockstep.engine.NetworkBuilder;
import lockstep.engine.Parameter;
import lockstep.linalg.DType;
import lockstep.rand.SplitMix64;
import lockstep.spec.ActivationType;
import lockstep.spec.LayerSpec;
import lockstep.spec.LossType;
import lockstep.spec.NetworkSpec;
import lockstep.spec.ParameterKey;
import lockstep.spec.UpdaterSpec;
import lockstep.spec.UpdaterType;
import lockstep.spec.WeightDistribution;
import lockstep.spec.WeightInit;
import lockstep.spec.WeightInitSpec;

/**
 * What the initial scale does to a deep network: per layer, the mean and standard deviation of the weights at
 * initialisation and of the activations and weight gradients after the first forward and backward pass, for
 * Xavier, He and N(0, 1) weights in an 8-layer tanh and an 8-layer relu network (64 wide, 64 unit-Gaussian input
 * features, 10-class softmax output, MCXENT, random labels). The engine draws the weights and DL4J gets a copy, so
 * both sides compute the same pass; every activation and gradient tensor is compared at the step tolerance. DOUBLE.
 */
public final class InitDemo {
    public static final int WIDTH = 64;
    public static final int LAYERS = 8;
    public static final int CLASSES = 10;

    /** An initial-weight scheme of the demo. */
    public enum Scheme {
        XAVIER("Xavier", WeightInit.XAVIER, "N(0, sqrt(2/(fanIn+fanOut))) = N(0, 0.125)"),
        HE("He", WeightInit.RELU, "N(0, sqrt(2/fanIn)) = N(0, 0.177)"),
        LARGE("N(0,1)", new WeightDistribution.Normal(0, 1), "N(0, 1): too large");

        private final String label;
        private final WeightInitSpec init;
        private final String formula;

        Scheme(String label, WeightInitSpec init, String formula) {
            this.label = label;
            this.init = init;
            this.formula = formula;
        }

        /** How the scheme draws W, e.g. {@code U(-a, a), a = sqrt(6 / (nIn + nOut))}. */
        public String formula() {
            return formula;
        }

        public String label() {
            return label;
        }
    }

    /** Mean and standard deviation of a tensor on each side ([0] engine, [1] DL4J). */
    public record Stat(double[] mean, double[] std) {
        static Stat of(double[] engine, double[] dl4j) {
            return new Stat(new double[] {InitDemo.mean(engine), InitDemo.mean(dl4j)}, new double[] {InitDemo.std(engine), InitDemo.std(dl4j)});
        }
    }

    /**
     * One layer after the first pass.
     *
     * @param weights     W at initialisation (the same on both sides)
     * @param activations the layer's output
     * @param gradients   dL/dW of the batch-mean loss
     * @param extreme     tanh: fraction of |a| &gt; 0.99 (saturated); relu: fraction of a = 0 (inactive); engine side
     */
    public record Layer(Stat weights, Stat activations, Stat gradients, double extreme) {
    }

    /**
     * One network and scheme; {@code worstError}: the worst step-check error over every activation and gradient tensor
     * compared; {@code softmaxUnderflows}: the examples whose output logits are all below ln(Double.MIN_VALUE) = -745,
     * for which DL4J's batched DOUBLE softmax gives NaN (it shifts a row by max(0, row max), so exp underflows to 0/0; the
     * engine shifts by the row's max), which makes all of DL4J's gradients NaN: those are then not compared.
     */
    public record Case(ActivationType activation, Scheme scheme, List<Layer> layers, double worstError, boolean agree,
                       int softmaxUnderflows) {
        /** Activation std of layer l, engine side. */
        public double activationStd(int l) {
            return layers.get(l).activations().std()[0];
        }

        /** Weight-gradient std of layer l, engine side. */
        public double gradientStd(int l) {
            return layers.get(l).gradients().std()[0];
        }
    }

    public record Result(int examples, long seed, List<Case> cases) {
        public boolean passed() {
            return cases.stream().allMatch(Case::agree);
        }

        public Case get(ActivationType a, Scheme s) {
            return cases.stream().filter(c -> c.activation() == a && c.scheme() == s).findFirst().orElseThrow();
        }
    }

    private InitDemo() {
    }

    /** The deep network: 64 -> 7 x 64 ({@code activation}) -> 10 softmax, every layer initialised by {@code init}. */
    public static NetworkSpec network(ActivationType activation, WeightInitSpec init) {
        List<LayerSpec> layers = new ArrayList<>();
        for (int l = 0; l < LAYERS - 1; l++) {
            layers.add(new LayerSpec(WIDTH, WIDTH, activation));
        }
        layers.add(new LayerSpec(WIDTH, CLASSES, ActivationType.SOFTMAX));
        return new NetworkSpec(layers, LossType.MCXENT, init, new UpdaterSpec(UpdaterType.SGD, 0.1));
    }

    /** {@code examples} unit-Gaussian inputs with uniformly random classes, from {@code seed}. */
    public static Dataset data(int examples, long seed) {
        SplitMix64 rng = SplitMix64.stream(seed, 0x494E4954444DL);
        double[] x = new double[examples * WIDTH];
        int[] classes = new int[examples];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextGaussian();
        }
        for (int e = 0; e < examples; e++) {
            classes[e] = rng.nextInt(CLASSES);
        }
        return new Dataset("unit Gaussian", x, WIDTH, classes, CLASSES);
    }

    public static Result run(int examples, long seed) {
        Dataset data = data(examples, seed);
        int[] all = new int[examples];
        for (int i = 0; i < examples; i++) {
            all[i] = i;
        }
        Batch batch = data.batch(all, DType.DOUBLE);
        List<Case> cases = new ArrayList<>();
        for (ActivationType a : List.of(ActivationType.TANH, ActivationType.RELU)) {
            for (Scheme s : Scheme.values()) {
                cases.add(run(network(a, s.init), a, s, batch, seed));
            }
        }
        return new Result(examples, seed, cases);
    }

    private static Case run(NetworkSpec spec, ActivationType activation, Scheme scheme, Batch batch, long seed) {
        Network engine = NetworkBuilder.build(spec, DType.DOUBLE, seed, new EngineComponents());
        Map<String, double[]> weights = new LinkedHashMap<>();
        for (Parameter p : engine.parameters()) {
            weights.put(p.name(), p.value().toDoubleArray());
        }
        Dl4jTrainer dl4j = new Dl4jTrainer(spec, DType.DOUBLE, seed);
        dl4j.setParameters(weights);
        int b = batch.size();
        double[] x = batch.features().toDoubleArray();
        List<double[]> dl4jActivations = Dl4jProbe.activations(dl4j, x, b);
        Dl4jStep step = dl4j.step(x, batch.labels().toDoubleArray(), b);          // its gradient is taken before the update
        engine.forward(batch.features());
        engine.backward(batch.labels());
        // an 8-layer network started at N(0,1) is ill-conditioned: saturated tanh units and weights of std 1
        // amplify one step's rounding (FMA in the engine's kernel, BLAS order in ND4J) to ~2e-10 relative
        Tolerance tol = new Tolerance(1e-8, TolerancePolicy.DOUBLE.step().floor(), TolerancePolicy.DOUBLE.step().absolute());
        double worst = 0;
        boolean agree = true;
        int outputLayer = spec.layers().size() - 1;
        double[] logits = engine.outputLayer().preActivation().toDoubleArray();
        double[] dl4jOut = dl4jActivations.get(outputLayer);
        int underflows = 0;
        for (int r = 0; r < b; r++) {
            double max = Double.NEGATIVE_INFINITY;
            boolean nan = false;
            for (int c = 0; c < CLASSES; c++) {
                max = Math.max(max, logits[r * CLASSES + c]);
                nan |= Double.isNaN(dl4jOut[r * CLASSES + c]);
            }
            if (nan && max < UNDERFLOW) {
                underflows++;
                for (int c = 0; c < CLASSES; c++) {
                    dl4jOut[r * CLASSES + c] = Double.NaN;   // the whole row, as DL4J gives it; left out below
                }
            }
        }
        List<Layer> layers = new ArrayList<>();
        for (int l = 0; l < spec.layers().size(); l++) {
            double[] w = weights.get(ParameterKey.weights(l).name());
            double[] a = engine.layers().get(l).output().toDoubleArray();
            double[] g = engine.parameter(ParameterKey.weights(l).name()).gradient().toDoubleArray();
            double[] dg = step.rawGradients().get(ParameterKey.weights(l).name()).clone();
            for (int i = 0; i < dg.length; i++) {
                dg[i] /= b;                                                        // DL4J's gradient is the batch sum
            }
            TensorDiff da = l == outputLayer && underflows > 0 ? finiteRows(a, dl4jActivations.get(l), tol)
                    : TensorDiff.of(a, dl4jActivations.get(l), tol);
            worst = Math.max(worst, da.worstError());
            agree &= da.passed();
            if (underflows == 0) {
                TensorDiff dd = TensorDiff.of(g, dg, tol);
                worst = Math.max(worst, dd.worstError());
                agree &= dd.passed();
            }
            layers.add(new Layer(Stat.of(w, w), Stat.of(a, dl4jActivations.get(l)), Stat.of(g, dg), extreme(a, activation)));
        }
        return new Case(activation, scheme, layers, worst, agree, underflows);
    }

    /** ln(Double.MIN_VALUE): exp of anything below is 0 in double. */
    public static final double UNDERFLOW = Math.log(Double.MIN_VALUE);

    /** Compares the elements where DL4J's value is not NaN (the rows its softmax lost to underflow are all NaN). */
    private static TensorDiff finiteRows(double[] engine, double[] dl4j, Tolerance tol) {
        int n = 0;
        for (double v : dl4j) {
            n += Double.isNaN(v) ? 0 : 1;
        }
        double[] e = new double[n];
        double[] d = new double[n];
        for (int i = 0, k = 0; i < dl4j.length; i++) {
            if (!Double.isNaN(dl4j[i])) {
                e[k] = engine[i];
                d[k++] = dl4j[i];
            }
        }
        return TensorDiff.of(e, d, tol);
    }

    /** tanh: the fraction of |a| > 0.99; relu: the fraction of a = 0. */
    private static double extreme(double[] a, ActivationType activation) {
        int n = 0;
        for (double v : a) {
            n += (activation == ActivationType.TANH ? Math.abs(v) > 0.99 : v == 0.0) ? 1 : 0;
        }
        return (double) n / a.length;
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    static double std(double[] v) {
        double m = mean(v);
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / v.length);
    }
}
