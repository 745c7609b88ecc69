package lockstep.engine.dropout;

import lockstep.linalg.DType;
import lockstep.linalg.Matrix;

/**
 * DL4J's {@code AlphaDropout(p)} with its default α and λ (SELU's), r its Bernoulli mask d (1 keeps, with probability
 * p). The constants are computed in double as the class computes them (constructor, {@code a(p)}, {@code b(p)}):
 * <pre>
 *   α' = (−λ)·α
 *   a  = 1 / sqrt(p + α'·α'·p·(1 − p))
 *   b  = ((−a)·(1 − p))·α'
 * </pre>
 * and each array operation of {@code applyDropout} and {@code backprop} is rounded in the data type, with the double
 * constants first cast to it (ND4J's scalar ops):
 * <pre>
 *   forward:  t  = (1 − d) ⊙ α'           mask.rsub(1.0).muli(α')          [B,n]
 *             x' = ((x ⊙ d + t) ⊙ a) + b   MulOp(x, d, out).addi(t).muli(a).addi(b)
 *   backward: dL/dx = dL/dx' ⊙ (d ⊙ a)     mask.muli(a); MulOp(gradAtOutput, mask, gradAtInput)
 * </pre>
 */
public class AlphaDropout implements InputDropout {
    /** {@code AlphaDropout.DEFAULT_ALPHA}: SELU's α. */
    public static final double ALPHA = 1.6732632423543772;
    /** {@code AlphaDropout.DEFAULT_LAMBDA}: SELU's λ. */
    public static final double LAMBDA = 1.0507009873554805;

    /** α' = (−λ)·α, as the constructor computes it. */
    private static final double ALPHA_PRIME = -LAMBDA * ALPHA;

    private final double alphaPrime;
    private final double a;
    private final double b;

    /** For keep probability p in (0, 1]. */
    public AlphaDropout(double p) {
        this(ALPHA_PRIME, a(p), b(p));
    }

    private AlphaDropout(double alphaPrime, double a, double b) {
        this.alphaPrime = alphaPrime;
        this.a = a;
        this.b = b;
    }

    /** With the constants given instead of computed from p (a test plants a wrong one). */
    public static AlphaDropout withConstants(double alphaPrime, double a, double b) {
        return new AlphaDropout(alphaPrime, a, b);
    }

    /** DL4J's {@code a(p)}: 1 / sqrt(p + α'·α'·p·(1 − p)). */
    private static double a(double p) {
        return 1.0 / Math.sqrt(p + ALPHA_PRIME * ALPHA_PRIME * p * (1.0 - p));
    }

    /** DL4J's {@code b(p)}: ((−a)·(1 − p))·α'. */
    private static double b(double p) {
        return -a(p) * (1.0 - p) * ALPHA_PRIME;
    }

    /** α' = −λα, in double. */
    public double alphaPrime() {
        return alphaPrime;
    }

    /** The scale a, in double. */
    public double a() {
        return a;
    }

    /** The shift b, in double. */
    public double b() {
        return b;
    }

    @Override
    public Matrix forward(Matrix x, Matrix d) {
        DType t = x.dtype();
        double alphaPrimeT = round(t, alphaPrime);
        double aT = round(t, a);
        double bT = round(t, b);
        Matrix out = x.like(x.rows(), x.cols());
        for (int i = 0; i < out.size(); i++) {
            double di = d.get(i);
            double dropped = round(t, round(t, 1.0 - di) * alphaPrimeT);    // t = (1 − d)·α'
            double v = round(t, round(t, x.get(i) * di) + dropped);          // x·d + t
            out.set(i, round(t, round(t, v * aT) + bT));                     // (…)·a + b
        }
        return out;
    }

    @Override
    public Matrix backward(Matrix dOut, Matrix d) {
        DType t = dOut.dtype();
        double aT = round(t, a);
        Matrix dx = dOut.like(dOut.rows(), dOut.cols());
        for (int i = 0; i < dx.size(); i++) {
            dx.set(i, round(t, dOut.get(i) * round(t, d.get(i) * aT)));      // dL/dx' · (d·a)
        }
        return dx;
    }

    /** x rounded to the data type (in FLOAT one float operation computed in double and rounded: the same value). */
    private static double round(DType t, double x) {
        return t == DType.FLOAT ? (float) x : x;
    }
}
