package lockstep.report;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import lockstep.comparison.TolerancePolicy;
import lockstep.data.EpochPlan;
import lockstep.demo.BatchSizeDemo;
import lockstep.spec.NetworkSpec;

/** The console text of {@code lockstep demo}: {@link BatchSizeDemo}'s result for a person. */
public final class BatchSizeDemoText {
    private BatchSizeDemoText() {
    }

    public static void print(BatchSizeDemo.Result r, PrintStream out) {
        NetworkSpec net = r.spec().network();
        out.println("lockstep demo batch-size  " + r.spec().data().describe() + "  " + net.describeShape() + "  " + net.loss()
                + "  " + net.updater().type() + "  seed " + r.spec().training().seed() + "  DOUBLE  " + r.epochs() + " epochs");
        out.println("A step is one update from one mini-batch of B examples; an epoch is one pass over all N examples:");
        out.println("steps per epoch = ceil(N / B), the last batch partial when B does not divide N (DL4J trains on it as it is).");
        List<Integer> sizes = r.curves().stream().map(BatchSizeDemo.Curve::batchSize).distinct().toList();
        String n = String.format(Locale.ROOT, "  N = %,d:", r.examples());
        for (int i = 0; i < sizes.size(); i++) {
            out.println(String.format(Locale.ROOT, "%-13s %s", i == 0 ? n : "", BatchSizeDemo.arithmetic(r.examples(), sizes.get(i))));
        }
        out.println(String.format(Locale.ROOT, "%-13s %s; 10 epochs = %,d steps", "  N = 50,000:", BatchSizeDemo.arithmetic(50_000, 128),
                10 * EpochPlan.stepsPerEpoch(50_000, 128)));
        out.println("  " + r.epochs() + " epochs here: " + String.join(", ", sizes.stream().map(b -> "B = " + b + " -> "
                + r.epochs() * EpochPlan.stepsPerEpoch(r.examples(), b) + " steps").toList()));
        out.println();
        out.println("Loss on all " + r.examples() + " examples after a given step and after a given epoch (- where a run"
                + " ends sooner); engine and DL4J agree on it and on every step:");
        int longest = r.curves().stream().mapToInt(c -> c.stepsPerEpoch() * r.epochs()).max().orElse(0);
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-6s %-4s %-9s", "lr", "B", "steps/ep"));
        for (int s : BatchSizeDemo.STEPS) {
            if (s <= longest) {
                head.append(String.format(Locale.ROOT, " %-9s", "step " + s));
            }
        }
        head.append(" ");
        for (int e : BatchSizeDemo.EPOCHS) {
            if (e <= r.epochs()) {
                head.append(String.format(Locale.ROOT, " %-9s", "epoch " + e));
            }
        }
        out.println(head.toString().stripTrailing());
        for (BatchSizeDemo.Curve c : r.curves()) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-6s %-4d %-9d", lr(c.learningRate()),
                    c.batchSize(), c.stepsPerEpoch()));
            for (int i = 0; i < BatchSizeDemo.STEPS.length; i++) {
                if (BatchSizeDemo.STEPS[i] <= longest) {
                    row.append(String.format(Locale.ROOT, " %-9s", loss(c.afterStep()[i])));
                }
            }
            row.append(" ");
            for (int i = 0; i < BatchSizeDemo.EPOCHS.length; i++) {
                if (BatchSizeDemo.EPOCHS[i] <= r.epochs()) {
                    row.append(String.format(Locale.ROOT, " %-9s", loss(c.afterEpoch()[i])));
                }
            }
            out.println(row.toString().stripTrailing());
        }
        out.println();
        lessons(r, out);
        double worst = r.curves().stream().mapToDouble(BatchSizeDemo.Curve::worstError).max().orElse(0);
        out.println((r.passed() ? "PASS  " : "FAIL  ") + "engine and DL4J at every step and checkpoint of all " + r.curves().size()
                + " runs: worst relative difference " + SymmetryDemoText.num(worst) + " (step tolerance "
                + String.format(Locale.ROOT, "%.0e", TolerancePolicy.DOUBLE.step().relative()) + ")");
    }

    /** Per learning rate: the smallest and the largest batch compared after the same epochs and after the same steps. */
    private static void lessons(BatchSizeDemo.Result r, PrintStream out) {
        List<Integer> sizes = r.curves().stream().map(BatchSizeDemo.Curve::batchSize).distinct().sorted().toList();
        int small = sizes.get(0);
        int large = sizes.get(sizes.size() - 1);
        int lastEpoch = lastIndex(BatchSizeDemo.EPOCHS, r.epochs());
        for (double lr : r.curves().stream().map(BatchSizeDemo.Curve::learningRate).distinct().toList()) {
            BatchSizeDemo.Curve s = r.get(small, lr);
            BatchSizeDemo.Curve l = r.get(large, lr);
            int step = commonStep(s, l);
            StringBuilder line = new StringBuilder("lr " + lr(lr) + ":");
            if (lastEpoch >= 0) {
                line.append(String.format(Locale.ROOT, " after %d epochs B = %d (%d steps) %s, B = %d (%d steps) %s: %s;",
                        BatchSizeDemo.EPOCHS[lastEpoch], small, BatchSizeDemo.EPOCHS[lastEpoch] * s.stepsPerEpoch(), loss(s.afterEpoch()[lastEpoch]),
                        large, BatchSizeDemo.EPOCHS[lastEpoch] * l.stepsPerEpoch(), loss(l.afterEpoch()[lastEpoch]),
                        verdict(s.afterEpoch()[lastEpoch], l.afterEpoch()[lastEpoch], small, large)));
            }
            if (step >= 0) {
                line.append(String.format(Locale.ROOT, " after %d steps B = %d %s, B = %d %s: %s.", BatchSizeDemo.STEPS[step], small,
                        loss(s.afterStep()[step]), large, loss(l.afterStep()[step]),
                        verdict(s.afterStep()[step], l.afterStep()[step], small, large)));
            }
            out.println(line.toString().replaceAll(";$", "."));
        }
        out.println("A step moves the weights by about lr x gradient whatever B is, so at a small learning rate the loss per step");
        out.println("hardly depends on B and per epoch the small batch, with many more steps, is far ahead. At a large learning");
        out.println("rate the small batch's noisy gradients make it wander: per step the large batch is ahead, and a larger");
        out.println("batch tolerates a larger learning rate.");
    }

    /** Which of two losses is lower, or about the same (within 5%). */
    public static String verdict(double smallLoss, double largeLoss, int small, int large) {
        if (Math.abs(smallLoss - largeLoss) <= 0.05 * Math.max(smallLoss, largeLoss)) {
            return "about the same";
        }
        return "B = " + (smallLoss < largeLoss ? small : large) + " ahead";
    }

    /** The last step checkpoint both runs reached, or -1. */
    private static int commonStep(BatchSizeDemo.Curve a, BatchSizeDemo.Curve b) {
        int found = -1;
        for (int i = 0; i < BatchSizeDemo.STEPS.length; i++) {
            if (!Double.isNaN(a.afterStep()[i]) && !Double.isNaN(b.afterStep()[i])) {
                found = i;
            }
        }
        return found;
    }

    private static int lastIndex(int[] checkpoints, int limit) {
        int found = -1;
        for (int i = 0; i < checkpoints.length; i++) {
            if (checkpoints[i] <= limit) {
                found = i;
            }
        }
        return found;
    }

    private static String lr(double v) {
        return String.format(Locale.ROOT, "%s", v).replaceAll("\\.0$", "");
    }

    private static String loss(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.5f", v);
    }
}
