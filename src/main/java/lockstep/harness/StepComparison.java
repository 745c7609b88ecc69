package lockstep.harness;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Compares the two sides' snapshots of one step under one {@link Check}: loss, then gradients,
 * updates and values. Parameters are checked in the order backpropagation computes them, output
 * layer first (W before b within a layer), so that a backward-pass bug is named at the layer where
 * it starts rather than at the layers it spreads to. Keeps the worst error per quantity and the
 * first divergence.
 */
public final class StepComparison {
    private final Check check;
    private final int epoch;
    private final int step;
    private final int globalStep;
    private final Map<String, int[]> shapes;
    private final Tolerance tolerance;
    private final Map<Quantity, Double> worst = new EnumMap<>(Quantity.class);
    private Divergence divergence;
    /** Per parameter, the error updates and updater state may inherit from the gradient (see {@link #inheritedError}). */
    private Map<String, double[]> inherited = Map.of();

    private StepComparison(Check check, int epoch, int step, int globalStep, Map<String, int[]> shapes,
                           Tolerance tolerance) {
        this.check = check;
        this.epoch = epoch;
        this.step = step;
        this.globalStep = globalStep;
        this.shapes = shapes;
        this.tolerance = tolerance;
    }

    public static StepComparison of(Check check, int epoch, int step, int globalStep, StepSnapshot engine,
                                    StepSnapshot dl4j, Map<String, int[]> shapes, Tolerance tolerance) {
        StepComparison c = new StepComparison(check, epoch, step, globalStep, shapes, tolerance);
        c.compare(Quantity.LOSS, null, new double[] {engine.loss()}, new double[] {dl4j.loss()});
        c.compareAll(Quantity.GRADIENT, engine.gradients(), dl4j.gradients());
        c.inherited = inheritedError(engine.gradients(), dl4j.gradients());
        c.compareAll(Quantity.UPDATE, engine.updates(), dl4j.updates());
        c.compareAll(Quantity.PARAMETER, engine.parameters(), dl4j.parameters());
        c.compareAll(Quantity.UPDATER_STATE, engine.updaterState(), dl4j.updaterState());
        return c;
    }

    /** Compares the initial parameters of both sides (global step 0). */
    public static StepComparison ofInitialParameters(Map<String, double[]> engine, Map<String, double[]> dl4j,
                                                     Map<String, int[]> shapes, Tolerance tolerance) {
        StepComparison c = new StepComparison(Check.STEP, 0, 0, 0, shapes, tolerance);
        c.compareAll(Quantity.PARAMETER, engine, dl4j);
        return c;
    }

    private void compareAll(Quantity q, Map<String, double[]> engine, Map<String, double[]> dl4j) {
        if (!engine.keySet().equals(dl4j.keySet())) {
            throw new IllegalStateException(q.label() + " keys differ: engine " + engine.keySet() + ", dl4j " + dl4j.keySet());
        }
        for (String name : backpropOrder(engine.keySet())) {
            compare(q, name, engine.get(name), dl4j.get(name));
        }
    }

    /** Keys like 0_W, 0_b, 1_W, 1_b ordered by layer, last layer first, keeping the order within a layer. */
    static List<String> backpropOrder(Collection<String> keys) {
        List<String> ordered = new ArrayList<>(keys);
        ordered.sort(Comparator.comparingInt((String k) -> -Integer.parseInt(k.substring(0, k.indexOf('_')))));
        return ordered;
    }

    /**
     * An update is computed from the gradient, so it cannot agree better than its gradient element does:
     * element i of an update or of the updater state may differ by twice the plain relative difference
     * |e-d|/max(|e|,|d|) of gradient element i, on top of the tolerance. This matters in FLOAT for
     * adaptive updaters (Adam and kin), which scale a tiny gradient element, and its rounding noise,
     * up to a full-size update.
     */
    static Map<String, double[]> inheritedError(Map<String, double[]> engine, Map<String, double[]> dl4j) {
        Map<String, double[]> out = new java.util.HashMap<>();
        engine.forEach((name, e) -> {
            double[] d = dl4j.get(name);
            double[] a = new double[e.length];
            for (int i = 0; i < e.length; i++) {
                double diff = Math.abs(e[i] - d[i]);
                a[i] = diff == 0.0 ? 0.0 : 2.0 * diff / Math.max(Math.abs(e[i]), Math.abs(d[i]));
            }
            out.put(name, a);
        });
        return out;
    }

    private void compare(Quantity q, String name, double[] e, double[] d) {
        double[] allowance = q == Quantity.UPDATE || q == Quantity.UPDATER_STATE ? inherited.get(baseName(name)) : null;
        TensorDiff diff = TensorDiff.of(e, d, tolerance, allowance);
        worst.merge(q, diff.worstError(), StepComparison::maxKeepingNaN);
        if (divergence == null && !diff.passed()) {
            int i = diff.firstFailIndex();
            divergence = new Divergence(check, epoch, step, globalStep, q, name, name == null ? null : shapes.get(baseName(name)),
                    i, e[i], d[i], diff.firstFailError(), tolerance);
        }
    }

    /** "0_W" for an updater-state key "0_W/M". */
    private static String baseName(String key) {
        int slash = key.indexOf('/');
        return slash < 0 ? key : key.substring(0, slash);
    }

    static double maxKeepingNaN(double a, double b) {
        return Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : Math.max(a, b);
    }

    /** The worst err of a quantity in this step (0 if not compared). */
    public double worst(Quantity q) {
        return worst.getOrDefault(q, 0.0);
    }

    /** The worst err over every quantity. */
    public double worstOverall() {
        return worst.values().stream().reduce(0.0, StepComparison::maxKeepingNaN);
    }

    /** The first divergence in checking order, or null when everything passed. */
    public Divergence divergence() {
        return divergence;
    }
}
