package lockstep.comparison;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import lockstep.spec.ParameterKey;

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
    /** The tolerance of the loss and gradients. */
    private final Tolerance tolerance;
    /** The tolerance of the update, the parameters after the step and the updater state. */
    private final Tolerance ruleTolerance;
    /** Tensors (quantity, name) whose failure is not a divergence; none unless {@link #ofAnchored} says. */
    private final BiPredicate<Quantity, String> excused;
    private static final BiPredicate<Quantity, String> NONE_EXCUSED = (q, name) -> false;
    private final Map<Quantity, Double> worst = new EnumMap<>(Quantity.class);
    private Divergence divergence;
    private double largestAbsolute;
    private final Map<String, Double> worstByParameter = new java.util.LinkedHashMap<>();
    private final Map<String, Double> largestAbsoluteByParameter = new java.util.LinkedHashMap<>();
    /** Per parameter, the error updates and updater state may inherit from the gradient (see {@link #inheritedError}). */
    private Map<String, double[]> inherited = Map.of();
    /** Per parameter, the error the parameters after the step may inherit from the update. */
    private Map<String, double[]> inheritedByParameters = Map.of();

    private StepComparison(Check check, int epoch, int step, int globalStep, Map<String, int[]> shapes,
                           Tolerance tolerance) {
        this(check, epoch, step, globalStep, shapes, tolerance, tolerance, NONE_EXCUSED);
    }

    private StepComparison(Check check, int epoch, int step, int globalStep, Map<String, int[]> shapes,
                           Tolerance tolerance, Tolerance ruleTolerance, BiPredicate<Quantity, String> excused) {
        this.check = check;
        this.epoch = epoch;
        this.step = step;
        this.globalStep = globalStep;
        this.shapes = shapes;
        this.tolerance = tolerance;
        this.ruleTolerance = ruleTolerance;
        this.excused = excused;
    }

    public static StepComparison of(Check check, int epoch, int step, int globalStep, StepSnapshot engine,
                                    StepSnapshot dl4j, Map<String, int[]> shapes, Tolerance tolerance) {
        StepComparison c = new StepComparison(check, epoch, step, globalStep, shapes, tolerance);
        c.compare(Quantity.LOSS, null, new double[] {engine.loss()}, new double[] {dl4j.loss()});
        c.compareAll(Quantity.GRADIENT, engine.gradients(), dl4j.gradients());
        c.inherited = inheritedFromGradients(engine.gradients(), dl4j.gradients());
        c.compareAll(Quantity.UPDATE, engine.updates(), dl4j.updates());
        c.inheritedByParameters = inheritedByParameters(engine, dl4j);
        c.compareAll(Quantity.PARAMETER, engine.parameters(), dl4j.parameters());
        c.compareAll(Quantity.UPDATER_STATE, engine.updaterState(), dl4j.updaterState());
        return c;
    }

    /**
     * The step check of an engine {@code engine} that started the step from DL4J's parameters and updater state: its
     * loss and gradients against DL4J's step {@code dl4j} under {@code tolerance}, then its update, parameters after the
     * step and updater state against {@code rule}, DL4J's step with its gradient replaced by the engine's, under
     * {@code ruleTolerance}. Both update rules start from the same gradient, so nothing the gradient's rounding left
     * (a cancelled sum that an adaptive updater or a renormalisation scales up to full size) separates them: the update
     * rule is judged on its own arithmetic, and the gradient on its own. The parameters after the step, θ - u from the
     * same θ, may differ by what their updates differ (see {@link #inheritedError}). A tensor for which
     * {@code excused} holds (in FLOAT: the engine is no further from the DOUBLE shadow than DL4J's FLOAT is) does not
     * diverge here, whatever its difference.
     */
    public static StepComparison ofAnchored(int epoch, int step, int globalStep, StepSnapshot engine, StepSnapshot dl4j,
                                            StepSnapshot rule, Map<String, int[]> shapes, Tolerance tolerance,
                                            Tolerance ruleTolerance, BiPredicate<Quantity, String> excused) {
        StepComparison c = new StepComparison(Check.STEP, epoch, step, globalStep, shapes, tolerance, ruleTolerance,
                excused);
        c.compare(Quantity.LOSS, null, new double[] {engine.loss()}, new double[] {dl4j.loss()});
        c.compareAll(Quantity.GRADIENT, engine.gradients(), dl4j.gradients());
        c.compareAll(Quantity.UPDATE, engine.updates(), rule.updates());
        c.inheritedByParameters = inheritedByParameters(engine, rule);
        c.compareAll(Quantity.PARAMETER, engine.parameters(), rule.parameters());
        c.compareAll(Quantity.UPDATER_STATE, engine.updaterState(), rule.updaterState());
        return c;
    }

    /** What the parameters after the step may inherit from the updates (none when {@code engine} reported no update). */
    private static Map<String, double[]> inheritedByParameters(StepSnapshot engine, StepSnapshot reference) {
        return engine.updates() == null ? Map.of()
                : inheritedError(engine.updates(), reference.updates(), engine.parameters(), reference.parameters());
    }

    /** Compares the initial parameters of both sides (global step 0). */
    public static StepComparison ofInitialParameters(Map<String, double[]> engine, Map<String, double[]> dl4j,
                                                     Map<String, int[]> shapes, Tolerance tolerance) {
        StepComparison c = new StepComparison(Check.STEP, 0, 0, 0, shapes, tolerance);
        c.compareAll(Quantity.PARAMETER, engine, dl4j);
        return c;
    }

    /**
     * Step 0: each side's own starting state before any step, the initial parameters and the initial updater state
     * (RmsProp's cache and AdaGrad's history start at epsilon in DL4J, the others at 0). Nothing has been computed
     * yet, so both must agree bit for bit: the tolerance is 0.
     */
    public static StepComparison ofStartingState(Map<String, double[]> engineParameters, Map<String, double[]> dl4jParameters,
                                                 Map<String, double[]> engineState, Map<String, double[]> dl4jState,
                                                 Map<String, int[]> shapes) {
        StepComparison c = new StepComparison(Check.STEP, 0, 0, 0, shapes, EXACT);
        c.compareAll(Quantity.PARAMETER, engineParameters, dl4jParameters);
        c.compareAll(Quantity.UPDATER_STATE, engineState, dl4jState);
        return c;
    }

    /** Bit-for-bit agreement (any difference fails; NaN and infinity never pass). */
    static final Tolerance EXACT = new Tolerance(0.0, 1.0, 0.0);

    /** Compares every tensor of {@code q}; nothing when the engine did not report {@code q} (null). */
    private void compareAll(Quantity q, Map<String, double[]> engine, Map<String, double[]> dl4j) {
        if (engine == null) {
            return;
        }
        if (!engine.keySet().equals(dl4j.keySet())) {
            throw new IllegalStateException(q.label() + " keys differ: engine " + engine.keySet() + ", dl4j " + dl4j.keySet());
        }
        for (String name : backpropOrder(engine.keySet())) {
            compare(q, name, engine.get(name), dl4j.get(name));
        }
    }

    /** Keys like 0_W, 0_b, 1_W, 1_b ordered by layer, last layer first, keeping the order within a layer. */
    public static List<String> backpropOrder(Collection<String> keys) {
        List<String> ordered = new ArrayList<>(keys);
        ordered.sort(Comparator.comparingInt((String k) -> -ParameterKey.parse(k).layer()));
        return ordered;
    }

    /**
     * Errors are inherited down the step: an update is computed from the gradient, and the parameters
     * after the step from the update, so neither can agree better than its input does. Element i of a
     * target may differ, on top of the tolerance, by 2·|Δinput_i| / max(|target_e,i|, |target_d,i|).
     * For updates and updater state the target is the gradient itself, i.e. they may inherit twice the
     * gradient element's plain relative difference: an adaptive updater (Adam and kin) divides by
     * sqrt(v) ≈ |g|, so it turns a tiny gradient element, rounding noise included, into a full-size
     * update with the same relative error. For the parameters after the step the target is the
     * parameter: θ - u inherits the update's absolute difference.
     */
    /**
     * The allowance updates inherit from the gradients: twice each element's plain relative difference
     * (see {@link #inheritedError}) plus twice the relative difference of the L2 norm of its layer's
     * gradients, because gradient renormalisation and L2 clipping divide every element by that norm.
     */
    static Map<String, double[]> inheritedFromGradients(Map<String, double[]> e, Map<String, double[]> d) {
        Map<String, double[]> out = inheritedError(e, d, e, d);
        Map<Integer, double[]> diffSquares = new java.util.HashMap<>();
        Map<Integer, double[]> normSquares = new java.util.HashMap<>();
        e.forEach((name, ge) -> {
            int layer = ParameterKey.parse(name).layer();
            double[] gd = d.get(name);
            double diff = 0;
            double norm = 0;
            for (int i = 0; i < ge.length; i++) {
                diff += (ge[i] - gd[i]) * (ge[i] - gd[i]);
                norm += Math.max(ge[i] * ge[i], gd[i] * gd[i]);
            }
            diffSquares.computeIfAbsent(layer, k -> new double[1])[0] += diff;
            normSquares.computeIfAbsent(layer, k -> new double[1])[0] += norm;
        });
        out.forEach((name, a) -> {
            int layer = ParameterKey.parse(name).layer();
            double norm = normSquares.get(layer)[0];
            double normError = norm == 0 ? 0 : 2.0 * Math.sqrt(diffSquares.get(layer)[0] / norm);
            for (int i = 0; i < a.length; i++) {
                a[i] += normError;
            }
        });
        return out;
    }

    static Map<String, double[]> inheritedError(Map<String, double[]> inputE, Map<String, double[]> inputD,
                                                Map<String, double[]> targetE, Map<String, double[]> targetD) {
        Map<String, double[]> out = new java.util.HashMap<>();
        inputE.forEach((name, e) -> {
            double[] d = inputD.get(name);
            double[] te = targetE.get(name);
            double[] td = targetD.get(name);
            double[] a = new double[e.length];
            for (int i = 0; i < e.length; i++) {
                double diff = Math.abs(e[i] - d[i]);
                a[i] = diff == 0.0 ? 0.0 : 2.0 * diff / Math.max(Math.abs(te[i]), Math.abs(td[i]));
            }
            out.put(name, a);
        });
        return out;
    }

    private void compare(Quantity q, String name, double[] e, double[] d) {
        double[] allowance = switch (q) {
            case UPDATE, UPDATER_STATE -> inherited.get(baseName(name));
            case PARAMETER -> inheritedByParameters.get(name);
            default -> null;
        };
        Tolerance t = q == Quantity.LOSS || q == Quantity.GRADIENT ? tolerance : ruleTolerance;
        TensorDiff diff = TensorDiff.of(e, d, t, allowance);
        worst.merge(q, diff.worstError(), StepComparison::maxKeepingNaN);
        if (name != null) {
            worstByParameter.merge(baseName(name), diff.worstError(), StepComparison::maxKeepingNaN);
            largestAbsoluteByParameter.merge(baseName(name), diff.largestAbsolute(), Math::max);
        }
        largestAbsolute = Math.max(largestAbsolute, diff.largestAbsolute());
        if (divergence == null && !diff.passed() && !excused.test(q, name)) {
            int i = diff.firstFailIndex();
            divergence = new Divergence(check, epoch, step, globalStep, q, name, name == null ? null : shapes.get(baseName(name)),
                    i, e[i], d[i], diff.firstFailError(), t);
        }
    }

    /** "0_W" for an updater-state key "0_W/M". */
    static String baseName(String key) {
        return ParameterKey.parse(key).name();
    }

    public static double maxKeepingNaN(double a, double b) {
        return Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : Math.max(a, b);
    }

    /** Whether this step compared {@code q} (an external engine reports no update, and may report no updater state). */
    public boolean compared(Quantity q) {
        return worst.containsKey(q);
    }

    /** The worst err of a quantity in this step (0 if not compared). */
    public double worst(Quantity q) {
        return worst.getOrDefault(q, 0.0);
    }

    /** The worst err per parameter (gradient, update, value and updater state together), in checking order. */
    public Map<String, Double> worstByParameter() {
        return worstByParameter;
    }

    /** The largest absolute difference per parameter (gradient, update, value and updater state together). */
    public Map<String, Double> largestAbsoluteByParameter() {
        return largestAbsoluteByParameter;
    }

    /** The largest absolute difference over every quantity and element. */
    public double largestAbsolute() {
        return largestAbsolute;
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
