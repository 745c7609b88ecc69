package lockstep.engine.optim;

import java.util.List;
import lockstep.linalg.ElementOps;
import lockstep.linalg.Matrix;
import lockstep.spec.UpdaterSpec;

/**
 * The update rules, one per DL4J updater, each written per element as ND4J computes it.
 * s[] holds the element's state in the order of {@link UpdateRule#stateNames()}; step is what
 * {@link ElementwiseRule#perStep} computes from the 1-based step number t (unused by rules that ignore t).
 * SGD and NoOp also run as whole-array loops, which compute the same bits.
 */
public final class Rules {
    private Rules() {
    }

    /** The rule for an updater spec. */
    public static UpdateRule of(UpdaterSpec u) {
        return switch (u.type()) {
            case SGD -> new Sgd(u.learningRate());
            case NESTEROVS -> new Nesterovs(u.learningRate(), u.momentum());
            case ADAM -> adam(AdamFamily.Variant.ADAM, u);
            case ADAMAX -> adam(AdamFamily.Variant.ADAMAX, u);
            case AMSGRAD -> adam(AdamFamily.Variant.AMSGRAD, u);
            case NADAM -> adam(AdamFamily.Variant.NADAM, u);
            case RMSPROP -> new RmsProp(u.learningRate(), u.decay(), u.epsilon());
            case ADAGRAD -> new AdaGrad(u.learningRate(), u.epsilon());
            case ADADELTA -> new AdaDelta(u.decay(), u.epsilon());
            case NOOP -> new NoOp();
        };
    }

    private static AdamFamily adam(AdamFamily.Variant variant, UpdaterSpec u) {
        return new AdamFamily(variant, u.learningRate(), u.beta1(), u.beta2(), u.epsilon());
    }

    /** u = lr·g. */
    public record Sgd(double lr) implements ElementwiseRule {
        @Override
        public List<String> stateNames() {
            return List.of();
        }

        @Override
        public double learningRate() {
            return lr;
        }

        @Override
        public double update(double g, double[] s, double step) {
            return lr * g;
        }

        /** u = lr·g over the flat arrays in one loop. */
        @Override
        public void apply(Matrix g, Matrix u, Matrix[] state, int iteration) {
            ElementOps.scale(lr, g, u);
        }
    }

    /** v' = μv - lr·g; u = μv - (1+μ)v'. State V. */
    public record Nesterovs(double lr, double momentum) implements ElementwiseRule {
        @Override
        public double learningRate() {
            return lr;
        }

        @Override
        public List<String> stateNames() {
            return List.of("V");
        }

        @Override
        public double update(double g, double[] s, double step) {
            double vPrev = s[0];
            s[0] = momentum * vPrev - lr * g;
            return momentum * vPrev - (1.0 + momentum) * s[0];
        }
    }

    /**
     * The Adam family as one rule (tinygrad's optim.py writes it so): a first moment m = β1m + (1-β1)g and a second
     * moment, then one of four denominators. Each {@link Variant} is a set of flags:
     * <ul>
     *   <li>ADAM: v = β2v + (1-β2)g²; u = α_t·m/(sqrt(v) + ε), ε outside the uncorrected sqrt(v), α_t bias-corrected;</li>
     *   <li>AMSGRAD: as Adam with v̂ = max(v̂, v) in the denominator (state V_HAT);</li>
     *   <li>NADAM: as Adam with Nesterov's look-ahead m̂ = (β1m + (1-β1)g)/(1-β1^t) and v not bias-corrected;</li>
     *   <li>ADAMAX: the infinity norm u∞ = max(β2·u∞, |g|) + 1e-32 as V; u = lr/(1-β1^t)·m/u∞ (ND4J keeps ε out of
     *   the denominator: it only replaces a zero or non-finite step size).</li>
     * </ul>
     * States M, V (and V_HAT), as DL4J names them.
     */
    public record AdamFamily(Variant variant, double lr, double beta1, double beta2, double epsilon) implements ElementwiseRule {
        /** Which member, as flags. */
        public enum Variant {
            ADAM(false, false, false), AMSGRAD(true, false, false), NADAM(false, true, false), ADAMAX(false, false, true);

            final boolean maxSecondMoment;
            final boolean nesterov;
            final boolean infinityNorm;

            Variant(boolean maxSecondMoment, boolean nesterov, boolean infinityNorm) {
                this.maxSecondMoment = maxSecondMoment;
                this.nesterov = nesterov;
                this.infinityNorm = infinityNorm;
            }
        }

        @Override
        public double learningRate() {
            return lr;
        }

        @Override
        public List<String> stateNames() {
            return variant.maxSecondMoment ? List.of("M", "V", "V_HAT") : List.of("M", "V");
        }

        /** Adam and AMSGrad: α_t, the bias-corrected step size; Nadam: 1-β1^t; AdaMax: lr/(1-β1^t), or ε when not usable. */
        @Override
        public double perStep(int t) {
            if (variant.nesterov) {
                return 1.0 - Math.pow(beta1, t);
            }
            if (variant.infinityNorm) {
                double alpha = lr / (1.0 - Math.pow(beta1, t));
                return alpha == 0.0 || !Double.isFinite(alpha) ? epsilon : alpha;
            }
            return ElementwiseRule.biasCorrectedStep(lr, beta1, beta2, epsilon, t);
        }

        @Override
        public double update(double g, double[] s, double step) {
            s[0] = beta1 * s[0] + (1.0 - beta1) * g;
            if (variant.infinityNorm) {
                s[1] = Math.max(beta2 * s[1], Math.abs(g)) + 1e-32;
                return step * s[0] / s[1];
            }
            s[1] = beta2 * s[1] + (1.0 - beta2) * g * g;
            if (variant.nesterov) {
                double mHat = beta1 * s[0] / step + (1.0 - beta1) * g / step;   // step = 1-β1^t
                return lr * mHat / (Math.sqrt(s[1]) + epsilon);
            }
            double v = s[1];
            if (variant.maxSecondMoment) {
                s[2] = Math.max(s[2], s[1]);
                v = s[2];
            }
            return step * s[0] / (Math.sqrt(v) + epsilon);
        }
    }

    /** G = decay·G + (1-decay)g²; u = lr·g/(sqrt(G) + ε); G starts at ε. State G. */
    public record RmsProp(double lr, double decay, double epsilon) implements ElementwiseRule {
        @Override
        public double learningRate() {
            return lr;
        }

        @Override
        public List<String> stateNames() {
            return List.of("G");
        }

        @Override
        public double initialState() {
            return epsilon;
        }

        @Override
        public double update(double g, double[] s, double step) {
            s[0] = decay * s[0] + (1.0 - decay) * g * g;
            return lr * g / (Math.sqrt(s[0]) + epsilon);
        }
    }

    /** h = h + g²; u = lr·g/(sqrt(h) + ε); h starts at ε. State grad. */
    public record AdaGrad(double lr, double epsilon) implements ElementwiseRule {
        @Override
        public double learningRate() {
            return lr;
        }

        @Override
        public List<String> stateNames() {
            return List.of("grad");
        }

        @Override
        public double initialState() {
            return epsilon;
        }

        @Override
        public double update(double g, double[] s, double step) {
            s[0] = s[0] + g * g;
            return lr * g / (Math.sqrt(s[0]) + epsilon);
        }
    }

    /** msg = ρ·msg + (1-ρ)g²; u = g·sqrt(msdx + ε)/sqrt(msg + ε); msdx = ρ·msdx + (1-ρ)u². No learning rate. */
    public record AdaDelta(double rho, double epsilon) implements ElementwiseRule {
        @Override
        public List<String> stateNames() {
            return List.of("msg", "msdx");
        }

        @Override
        public double learningRate() {
            return 1.0;
        }

        @Override
        public double update(double g, double[] s, double step) {
            s[0] = rho * s[0] + (1.0 - rho) * g * g;
            double u = g * Math.sqrt(s[1] + epsilon) / Math.sqrt(s[0] + epsilon);
            s[1] = rho * s[1] + (1.0 - rho) * u * u;
            return u;
        }
    }

    /**
     * DL4J's NoOp leaves the gradient as it is, and the step then subtracts it: u = g, as if lr were 1.
     * "No op" means no updater, not no update.
     */
    public record NoOp() implements ElementwiseRule {
        @Override
        public List<String> stateNames() {
            return List.of();
        }

        @Override
        public double learningRate() {
            return 1.0;
        }

        @Override
        public double update(double g, double[] s, double step) {
            return g;
        }

        /** u = g: a copy (nothing when u is g). */
        @Override
        public void apply(Matrix g, Matrix u, Matrix[] state, int iteration) {
            if (u != g) {
                u.copyFrom(g);
            }
        }
    }
}
