package lockstep.demo;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lockstep.data.Batch;
import lockstep.data.Dataset;
import lockstep.dl4j.Dl4jProbe;
import lockstep.dl4j.Dl4jStep;
import lockstep.dl4j.Dl4jTrainer;
import lockstep.engine.EngineComponents;
import lockstep.engine.Network;
import lockstep.engine.NetworkBuilder;
import lockstep.engine.Parameter;
import lockstep.harness.TensorDiff;
import lockstep.harness.Tolerance;
import lockstep.harness.TolerancePolicy;
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
        double[] logits = engine.layers().get(outputLayer).preActivation().toDoubleArray();
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
            double[] g = engine.layers().get(l).weights().gradient().toDoubleArray();
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
    static final double UNDERFLOW = Math.log(Double.MIN_VALUE);

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

    public static void print(Result r, PrintStream out) {
        out.println("lockstep demo init  " + LAYERS + " dense layers: " + WIDTH + " -> 7 x " + WIDTH + " -> " + CLASSES
                + "(softmax), MCXENT, " + r.examples() + " unit-Gaussian examples, random labels, seed " + r.seed() + ", DOUBLE");
        out.println("Per layer: weights at initialisation (the engine's draw, copied into DL4J), then activations and dL/dW after");
        out.println("the first forward and backward pass, each as engine / dl4j. The last layer is the softmax output.");
        for (Case c : r.cases()) {
            String act = c.activation().name().toLowerCase(Locale.ROOT);
            out.println();
            out.println(act + ", " + c.scheme().label() + ": W ~ " + c.scheme().formula);
            out.println(String.format(Locale.ROOT, "%-5s  %-9s %-9s  %-19s  %-19s  %-6s  %-19s  %-19s", "layer", "W mean", "W std",
                    "act mean", "act std", c.activation() == ActivationType.TANH ? "|a|>.99" : "a = 0", "dW mean", "dW std"));
            for (int l = 0; l < c.layers().size(); l++) {
                Layer layer = c.layers().get(l);
                out.println(String.format(Locale.ROOT, "%-5d  %-9s %-9s  %-19s  %-19s  %-6s  %-19s  %-19s", l,
                        num(layer.weights().mean()[0]), num(layer.weights().std()[0]), pair(layer.activations().mean()),
                        pair(layer.activations().std()), l == c.layers().size() - 1 ? "" : percent(layer.extreme()),
                        pair(layer.gradients().mean()), pair(layer.gradients().std())).stripTrailing());
            }
        }
        out.println();
        int last = LAYERS - 2;   // the last hidden layer
        Case tanhX = r.get(ActivationType.TANH, Scheme.XAVIER);
        Case tanhL = r.get(ActivationType.TANH, Scheme.LARGE);
        Case reluX = r.get(ActivationType.RELU, Scheme.XAVIER);
        Case reluH = r.get(ActivationType.RELU, Scheme.HE);
        Case reluL = r.get(ActivationType.RELU, Scheme.LARGE);
        out.println(String.format(Locale.ROOT, "tanh + Xavier: activation std %s at layer 0, %s at layer %d: the signal passes.",
                num(tanhX.activationStd(0)), num(tanhX.activationStd(last)), last));
        out.println(String.format(Locale.ROOT, "tanh + N(0,1): %s of layer %d's activations are saturated (|a| > 0.99, where"
                        + " tanh' = 1 - a^2 < 0.02), and dW std grows from %s at layer %d to %s at layer 0 (Xavier: %s to %s):"
                        + " the weights' scale outweighs the saturation on the way back.",
                percent(tanhL.layers().get(last).extreme()), last, num(tanhL.gradientStd(last)), last, num(tanhL.gradientStd(0)),
                num(tanhX.gradientStd(last)), num(tanhX.gradientStd(0))));
        out.println(String.format(Locale.ROOT, "relu + He: activation std %s at layer 0, %s at layer %d: He's factor 2 makes up for"
                + " the half that relu zeroes.", num(reluH.activationStd(0)), num(reluH.activationStd(last)), last));
        out.println(String.format(Locale.ROOT, "relu + Xavier: std %s -> %s (it halves in variance every layer);"
                        + " relu + N(0,1): %s -> %s (x sqrt(%d/2) = %.2f a layer).", num(reluX.activationStd(0)),
                num(reluX.activationStd(last)), num(reluL.activationStd(0)), num(reluL.activationStd(last)), WIDTH,
                Math.sqrt(WIDTH / 2.0)));
        for (Case c : r.cases()) {
            if (c.softmaxUnderflows() > 0) {
                out.println(String.format(Locale.ROOT, "%s + %s: DL4J's softmax output is NaN for %d example%s whose logits"
                        + " are all below %.0f: ND4J's batched softmax shifts a row by max(0, row max), not by its max, so"
                        + " every exp underflows to 0 and 0/0 is NaN (the engine shifts by the row's max); one NaN example"
                        + " makes every DL4J weight gradient NaN, so those are not compared.",
                        c.activation().name().toLowerCase(Locale.ROOT), c.scheme().label(), c.softmaxUnderflows(),
                        c.softmaxUnderflows() == 1 ? "" : "s", UNDERFLOW));
            }
        }
        double worst = r.cases().stream().mapToDouble(Case::worstError).max().orElse(0);
        if (r.passed()) {
            out.println("PASS  engine and DL4J computed the same activations and gradients for every layer of all "
                    + r.cases().size() + " networks (worst relative difference " + num(worst) + ", step tolerance "
                    + String.format(Locale.ROOT, "%.0e", TolerancePolicy.DOUBLE.step().relative()) + (r.cases().stream().anyMatch(c -> c.softmaxUnderflows() > 0)
                    ? "; except where DL4J's softmax underflowed, above" : "") + ")");
        } else {
            Case bad = r.cases().stream().filter(c -> !c.agree()).findFirst().orElseThrow();
            out.println("FAIL  " + bad.activation().name().toLowerCase(Locale.ROOT) + " + " + bad.scheme().label()
                    + ": engine and DL4J differ (worst relative difference " + num(bad.worstError()) + ")");
        }
    }

    private static String pair(double[] v) {
        return num(v[0]) + " " + num(v[1]);
    }

    private static String percent(double f) {
        return String.format(Locale.ROOT, "%.0f%%", 100 * f);
    }

    static String num(double v) {
        return v == 0.0 ? "0" : String.format(Locale.ROOT, "%.2e", v);
    }
}
