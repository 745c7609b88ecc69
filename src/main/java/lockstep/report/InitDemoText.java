package lockstep.report;

import java.io.PrintStream;
import java.util.Locale;
import lockstep.comparison.TolerancePolicy;
import lockstep.demo.InitDemo;
import lockstep.spec.ActivationType;

/** The console text of {@code lockstep demo}: {@link InitDemo}'s result for a person. */
public final class InitDemoText {
    private InitDemoText() {
    }

    public static void print(InitDemo.Result r, PrintStream out) {
        out.println("lockstep demo init  " + InitDemo.LAYERS + " dense layers: " + InitDemo.WIDTH + " -> 7 x " + InitDemo.WIDTH + " -> " + InitDemo.CLASSES
                + "(softmax), MCXENT, " + r.examples() + " unit-Gaussian examples, random labels, seed " + r.seed() + ", DOUBLE");
        out.println("Per layer: weights at initialisation (the engine's draw, copied into DL4J), then activations and dL/dW after");
        out.println("the first forward and backward pass, each as engine / dl4j. The last layer is the softmax output.");
        for (InitDemo.Case c : r.cases()) {
            String act = c.activation().name().toLowerCase(Locale.ROOT);
            out.println();
            out.println(act + ", " + c.scheme().label() + ": W ~ " + c.scheme().formula());
            out.println(String.format(Locale.ROOT, "%-5s  %-9s %-9s  %-19s  %-19s  %-6s  %-19s  %-19s", "layer", "W mean", "W std",
                    "act mean", "act std", c.activation() == ActivationType.TANH ? "|a|>.99" : "a = 0", "dW mean", "dW std"));
            for (int l = 0; l < c.layers().size(); l++) {
                InitDemo.Layer layer = c.layers().get(l);
                out.println(String.format(Locale.ROOT, "%-5d  %-9s %-9s  %-19s  %-19s  %-6s  %-19s  %-19s", l,
                        num(layer.weights().mean()[0]), num(layer.weights().std()[0]), pair(layer.activations().mean()),
                        pair(layer.activations().std()), l == c.layers().size() - 1 ? "" : percent(layer.extreme()),
                        pair(layer.gradients().mean()), pair(layer.gradients().std())).stripTrailing());
            }
        }
        out.println();
        int last = InitDemo.LAYERS - 2;   // the last hidden layer
        InitDemo.Case tanhX = r.get(ActivationType.TANH, InitDemo.Scheme.XAVIER);
        InitDemo.Case tanhL = r.get(ActivationType.TANH, InitDemo.Scheme.LARGE);
        InitDemo.Case reluX = r.get(ActivationType.RELU, InitDemo.Scheme.XAVIER);
        InitDemo.Case reluH = r.get(ActivationType.RELU, InitDemo.Scheme.HE);
        InitDemo.Case reluL = r.get(ActivationType.RELU, InitDemo.Scheme.LARGE);
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
                num(reluX.activationStd(last)), num(reluL.activationStd(0)), num(reluL.activationStd(last)), InitDemo.WIDTH,
                Math.sqrt(InitDemo.WIDTH / 2.0)));
        for (InitDemo.Case c : r.cases()) {
            if (c.softmaxUnderflows() > 0) {
                out.println(String.format(Locale.ROOT, "%s + %s: DL4J's softmax output is NaN for %d example%s whose logits"
                        + " are all below %.0f: ND4J's batched softmax shifts a row by max(0, row max), not by its max, so"
                        + " every exp underflows to 0 and 0/0 is NaN (the engine shifts by the row's max); one NaN example"
                        + " makes every DL4J weight gradient NaN, so those are not compared.",
                        c.activation().name().toLowerCase(Locale.ROOT), c.scheme().label(), c.softmaxUnderflows(),
                        c.softmaxUnderflows() == 1 ? "" : "s", InitDemo.UNDERFLOW));
            }
        }
        double worst = r.cases().stream().mapToDouble(InitDemo.Case::worstError).max().orElse(0);
        if (r.passed()) {
            out.println("PASS  engine and DL4J computed the same activations and gradients for every layer of all "
                    + r.cases().size() + " networks (worst relative difference " + num(worst) + ", step tolerance "
                    + String.format(Locale.ROOT, "%.0e", TolerancePolicy.DOUBLE.step().relative()) + (r.cases().stream().anyMatch(c -> c.softmaxUnderflows() > 0)
                    ? "; except where DL4J's softmax underflowed, above" : "") + ")");
        } else {
            InitDemo.Case bad = r.cases().stream().filter(c -> !c.agree()).findFirst().orElseThrow();
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
