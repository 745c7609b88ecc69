package lockstep.comparison;

import java.util.Map;

/**
 * Judges one FLOAT step of the engine against DL4J's FLOAT step, both measured from the DOUBLE shadow of the same step
 * (see {@link ShadowTolerance}), and its update rule the same way from DL4J's rule applied to the engine's gradient. Tensors are checked in the order {@link StepComparison} checks them (loss, then per
 * quantity the output layer first), and the first one whose engine error exceeds its bound is the divergence, named at
 * its worst element with the engine's and DL4J's FLOAT values. Keeps the worst ratio of the engine's error to DL4J's
 * (the measurement the tolerance's constants come from).
 */
public final class ShadowComparison {
    /**
     * How many times DL4J's own FLOAT error the engine's error may be for the plain FLOAT step check (1e-2 of the
     * tensor's scale) to defer to the shadow on a tensor: where DL4J's FLOAT result is itself that far from exact, the
     * two FLOAT sides differ by rounding. 8, the update rule's factor: an engine that rounds unlike DL4J (NumPy's
     * float32 tanh, saturated: 1 - t² keeps a bit or two) measured 1.6 where its gradient was 1.1e-2 of the scale from
     * DL4J's (docs/tolerance-policy.md).
     */
    public static final double CLOSE_TO_DL4J = 8.0;

    /**
     * Whether DL4J's own FLOAT rounding noise covers the engine's tensor ({@code q}, {@code name}) where it exceeds the
     * shadow's {@code bound} (relative to the tensor's scale): asked only of a loss or gradient tensor that fails.
     */
    public interface Excuse {
        boolean covers(Quantity q, String name, double bound);
    }

    private final ShadowTolerance tolerance;
    private final ShadowNoise noise;
    private final Excuse excuse;
    private double worstRatio;
    private Divergence divergence;
    /** The tensors ("GRADIENT 0_W", "LOSS null") where the engine landed about as close to the reference as DL4J. */
    private final java.util.Set<String> noWorseThanDl4j = new java.util.HashSet<>();

    private ShadowComparison(ShadowTolerance tolerance, ShadowNoise noise, Excuse excuse) {
        this.tolerance = tolerance;
        this.noise = noise;
        this.excuse = excuse;
    }

    /**
     * Compares the engine's FLOAT snapshot of one step with DOUBLE references: its loss and gradients with
     * {@code reference}, the same step by DL4J in DOUBLE, against DL4J's FLOAT step {@code dl4j}'s error from it; its
     * update, parameters after the step and updater state with {@code ruleReference}, DL4J's rule in DOUBLE applied to
     * the engine's gradient, against the error of {@code dl4jRule}, DL4J's FLOAT rule applied to the same gradient.
     * DL4J's error per tensor is judged as the level {@code noise} gives (which records it: modifies {@code noise}). A
     * loss or gradient tensor over its bound is not a divergence when {@code excuse} (may be null) says DL4J's own
     * rounding noise covers it: one FLOAT step's error from the reference is luck where the sum cancels, and DL4J's
     * step may land close to exact where a correct engine does not (a random network's 6e-5 under OpenBLAS's Prescott
     * kernels, 0 under Haswell's).
     */
    public static ShadowComparison of(int epoch, int step, int globalStep, StepSnapshot engine, StepSnapshot dl4j,
                                      StepSnapshot reference, StepSnapshot dl4jRule, StepSnapshot ruleReference,
                                      Map<String, int[]> shapes, ShadowTolerance tolerance, ShadowNoise noise,
                                      Excuse excuse) {
        ShadowComparison c = new ShadowComparison(tolerance, noise, excuse);
        Where where = new Where(epoch, step, globalStep, shapes);
        c.compare(where, Quantity.LOSS, null, new double[] {engine.loss()}, new double[] {dl4j.loss()},
                new double[] {reference.loss()}, null, null);
        c.compareAll(where, Quantity.GRADIENT, engine.gradients(), dl4j.gradients(), reference.gradients(), null, null);
        c.compareAll(where, Quantity.UPDATE, engine.updates(), dl4jRule.updates(), ruleReference.updates(), null, null);
        c.compareAll(where, Quantity.PARAMETER, engine.parameters(), dl4jRule.parameters(), ruleReference.parameters(),
                engine.updates() == null ? null : StepComparison.inheritedError(engine.updates(), ruleReference.updates(),
                        engine.parameters(), ruleReference.parameters()),
                StepComparison.inheritedError(dl4jRule.updates(), ruleReference.updates(), dl4jRule.parameters(),
                        ruleReference.parameters()));
        c.compareAll(where, Quantity.UPDATER_STATE, engine.updaterState(), dl4jRule.updaterState(),
                ruleReference.updaterState(), null, null);
        return c;
    }

    private record Where(int epoch, int step, int globalStep, Map<String, int[]> shapes) {
    }

    /**
     * @param inheritedE per parameter, the relative error each element of the engine's parameters after the step
     *                   inherits from its update (θ - u from the same θ), measured from the reference: that much is the
     *                   update's error, already judged; null for the other quantities
     * @param inheritedD the same for DL4J's
     */
    private void compareAll(Where where, Quantity q, Map<String, double[]> e, Map<String, double[]> d,
                            Map<String, double[]> r, Map<String, double[]> inheritedE, Map<String, double[]> inheritedD) {
        if (e == null) {
            return;   // not reported by this side (an external engine's update, or its optional updater state)
        }
        for (String name : StepComparison.backpropOrder(r.keySet())) {
            compare(where, q, name, e.get(name), d.get(name), r.get(name),
                    inheritedE == null ? null : inheritedE.get(name), inheritedD == null ? null : inheritedD.get(name));
        }
    }

    private void compare(Where where, Quantity q, String name, double[] e, double[] d, double[] r, double[] inheritedE,
                         double[] inheritedD) {
        double scale = 0.0;
        for (double v : r) {
            if (Double.isFinite(v)) {
                scale = Math.max(scale, Math.abs(v));
            }
        }
        double absolute = scale <= tolerance.absolute() ? tolerance.absolute() : 0.0;   // a tensor of rounding noise only
        double dl4jError = noise.level(q + " " + name, error(d, r, scale, inheritedD, absolute).error);
        ElementError engineError = error(e, r, scale, inheritedE, absolute);
        double bound = tolerance.bound(q, dl4jError);
        boolean engineFinite = allFinite(e);
        double ratio = engineFinite ? engineError.error / Math.max(dl4jError, tolerance.floor()) : Double.POSITIVE_INFINITY;
        worstRatio = StepComparison.maxKeepingNaN(worstRatio, ratio);
        if (ratio <= CLOSE_TO_DL4J) {
            noWorseThanDl4j.add(q + " " + name);
        }
        if (divergence == null && (!engineFinite || !(engineError.error <= bound))
                && !(engineFinite && excuse != null && (q == Quantity.LOSS || q == Quantity.GRADIENT)
                        && excuse.covers(q, name, bound))) {
            int i = engineError.index;
            divergence = new Divergence(Check.SHADOW, where.epoch, where.step, where.globalStep, q, name,
                    name == null ? null : where.shapes.get(StepComparison.baseName(name)), i, e[i], d[i], engineError.error,
                    new Tolerance(bound, 1.0, 0.0));
        }
    }

    private record ElementError(double error, int index) {
    }

    /**
     * max_i (|x_i - r_i| - inherited_i · max(|x_i|, |r_i|))⁺ / scale and where it occurs; +inf at the first non-finite
     * x_i (scale 0: 0 unless x differs). {@code inherited} may be null (nothing inherited). A difference of at most
     * {@code absolute} counts as 0.
     */
    private static ElementError error(double[] x, double[] r, double scale, double[] inherited, double absolute) {
        double worst = 0.0;
        int at = 0;
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i])) {
                return new ElementError(Double.POSITIVE_INFINITY, i);
            }
            double diff = Math.abs(x[i] - r[i]);
            if (diff <= absolute) {
                diff = 0.0;
            } else if (inherited != null) {
                diff = Math.max(0.0, diff - inherited[i] * Math.max(Math.abs(x[i]), Math.abs(r[i])));
            }
            double err = diff == 0.0 ? 0.0 : scale > 0 ? diff / scale : Double.POSITIVE_INFINITY;
            if (err > worst || Double.isNaN(err)) {
                worst = Double.isNaN(err) ? Double.POSITIVE_INFINITY : err;
                at = i;
            }
        }
        return new ElementError(worst, at);
    }

    private static boolean allFinite(double[] x) {
        for (double v : x) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the engine's tensor (q, name) lies about as close to the DOUBLE reference as DL4J's FLOAT one (its error
     * at most {@link #CLOSE_TO_DL4J} times DL4J's noise level, or the floor): where DL4J's own FLOAT result is that far
     * from exact, a difference between the two FLOAT sides is rounding, not an engine bug.
     */
    public boolean engineNoWorseThanDl4j(Quantity q, String name) {
        return noWorseThanDl4j.contains(q + " " + name);
    }

    /** The worst ratio err(engine) / max(err(dl4j), floor) over every quantity of this step. */
    public double worstRatio() {
        return worstRatio;
    }

    /** The first tensor whose engine error exceeds its bound, at its worst element; null when every tensor passed. */
    public Divergence divergence() {
        return divergence;
    }
}
