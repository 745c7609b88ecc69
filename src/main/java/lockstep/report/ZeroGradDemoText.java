package lockstep.report;

import java.io.PrintStream;
import java.util.Locale;
import lockstep.demo.ZeroGradDemo;

/** The console text of {@code lockstep demo}: {@link ZeroGradDemo}'s result for a person. */
public final class ZeroGradDemoText {
    private ZeroGradDemoText() {
    }

    /** The explanation, both loss curves and gradient norms per step, and the verdict. */
    public static void print(ZeroGradDemo.Result r, PrintStream out) {
        out.println("lockstep demo zero-grad  " + r.spec().describe() + "  (" + r.steps().size() + " steps)");
        out.println("The five-line step, run twice from the same weights on the same batches:");
        out.println("  A: optimizer.zeroGrad(); out = model.forward(x); loss = criterion.apply(out, y); loss.backward(); optimizer.step();");
        out.println("  B: the same without optimizer.zeroGrad(): loss.backward() ADDS this batch's gradient g_k to .grad,");
        out.println("     so optimizer.step() applies g_1 + ... + g_k.");
        out.println("g_k is computed independently by the matrix engine at the run's current parameters.");
        out.println();
        out.println("        loss (before the step)      |grad|                     max |.grad - expected|");
        out.println("step    A              B            A            B             A: g_k     B: g_1+...+g_k");
        for (ZeroGradDemo.Step s : r.steps()) {
            out.println(String.format(Locale.ROOT, "%4d    %-12.8f   %-12.8f %-12.6f %-12.6f  %-9s  %s", s.step(), s.lossA(), s.lossB(),
                    s.gradNormA(), s.gradNormB(), err(s.errorA()), err(s.errorB())));
        }
        if (r.passed()) {
            out.println("PASS  at every step A's .grad was exactly its batch's gradient and B's exactly the sum of its batch"
                    + " gradients so far: without zeroGrad() gradients accumulate");
        } else {
            ZeroGradDemo.Step bad = r.steps().stream().filter(s -> !s.exact()).findFirst().orElseThrow();
            out.println("FAIL  step " + bad.step() + ": " + (bad.errorA() != 0.0
                    ? "A's .grad is not its batch's gradient (max difference " + err(bad.errorA()) + ")"
                    : "B's .grad is not the sum of its batch gradients so far (max difference " + err(bad.errorB()) + ")"));
        }
    }

    private static String err(double v) {
        return v == 0.0 ? "0" : String.format(Locale.ROOT, "%.1e", v);
    }
}
