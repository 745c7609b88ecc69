package lockstep.report;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import lockstep.comparison.TolerancePolicy;
import lockstep.demo.SymmetryDemo;

/** The console text of {@code lockstep demo}: {@link SymmetryDemo}'s result for a person. */
public final class SymmetryDemoText {
    private SymmetryDemoText() {
    }

    /** The explanation, the asymmetry at a few steps for each start and side, and the verdict. */
    public static void print(SymmetryDemo.Result r, PrintStream out) {
        int hidden = r.spec().network().layers().size() - 1;
        out.println("lockstep demo symmetry  " + r.spec().describe() + "  (" + r.steps() + " steps)");
        out.println("Hidden unit j of layer l: its incoming weights W_l[:,j], its bias b_l[j], its outgoing weights W_l+1[j,:].");
        out.println("asymmetry of layer l = the largest difference between two of its hidden units over all those weights");
        out.println("(0: every unit is an exact copy of the others). Each start trains on both sides from the same weights.");
        out.println();
        List<Integer> shown = checkpoints(r.steps());
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-25s %-7s %-6s", "start", "side", "layer"));
        for (int s : shown) {
            head.append(String.format(Locale.ROOT, " %-9s", "step " + s));
        }
        head.append("  max |W - W_start| per layer   final loss");
        out.println(head.toString().stripTrailing());
        for (SymmetryDemo.Run run : r.runs()) {
            for (String side : SymmetryDemo.SIDES) {
                for (int l = 0; l < hidden; l++) {
                    StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-25s %-7s %-6d",
                            side.equals("engine") && l == 0 ? run.start().label() : "", l == 0 ? side : "", l));
                    for (int s : shown) {
                        row.append(String.format(Locale.ROOT, " %-9s", num(run.asymmetry().get(side)[s][l])));
                    }
                    if (l == 0) {
                        StringBuilder moved = new StringBuilder();
                        for (double m : run.moved().get(side)) {
                            moved.append(num(m)).append(' ');
                        }
                        row.append(String.format(Locale.ROOT, "  %-28s %.6f", moved.toString().trim(), run.finalLoss().get(side)));
                    }
                    out.println(row.toString().stripTrailing());
                }
            }
        }
        out.println();
        SymmetryDemo.Run zero = r.runs().get(0);
        SymmetryDemo.Run random = r.runs().get(2);
        out.println("all 0: the hidden weights never move (max |W - W_start| = " + num(zero.moved().get("engine")[0])
                + " for layer 0): with W_l+1 = 0 no gradient reaches them, and tanh(0) = 0 gives the next layer nothing to learn from.");
        out.println("all equal: the weights move, but every unit of a layer gets the same gradient, so the units stay copies:"
                + " the layer is as good as one unit wide.");
        out.println("random: the units differ from the start and stay different (smallest asymmetry "
                + num(Math.min(random.minAsymmetry("engine"), random.minAsymmetry("dl4j"))) + ").");
        double differ = r.runs().stream().mapToDouble(SymmetryDemo.Run::sidesDiffer).max().orElse(0);
        if (r.passed()) {
            out.println("PASS  on both sides the equal starts kept every hidden layer's units exactly identical for all " + r.steps()
                    + " steps and the random start never did; engine and DL4J ended with the same parameters (worst relative"
                    + " difference " + num(differ) + ")");
        } else {
            out.println("FAIL  " + failure(r));
        }
    }

    private static String failure(SymmetryDemo.Result r) {
        for (SymmetryDemo.Run run : r.runs()) {
            for (String side : SymmetryDemo.SIDES) {
                if (run.start() != SymmetryDemo.Start.RANDOM && run.maxAsymmetry(side) != 0.0) {
                    return run.start().label() + " start, " + side + ": the hidden units became different (asymmetry "
                            + num(run.maxAsymmetry(side)) + ")";
                }
                if (run.start() == SymmetryDemo.Start.RANDOM && !(run.minAsymmetry(side) > 0)) {
                    return "random start, " + side + ": some hidden units were identical";
                }
            }
            if (!(run.sidesDiffer() <= TolerancePolicy.DOUBLE.trajectory().relative())) {
                return run.start().label() + " start: engine and DL4J parameters differ by " + num(run.sidesDiffer());
            }
        }
        return "unknown";
    }

    /** Step 0, 1, then about a quarter, half and the end. */
    private static List<Integer> checkpoints(int steps) {
        List<Integer> out = new ArrayList<>();
        for (int s : new int[] {0, 1, 10, steps / 2, steps}) {
            if (s <= steps && !out.contains(s)) {
                out.add(s);
            }
        }
        out.sort(null);
        return out;
    }

    static String num(double v) {
        return v == 0.0 ? "0" : String.format(Locale.ROOT, "%.2e", v);
    }
}
