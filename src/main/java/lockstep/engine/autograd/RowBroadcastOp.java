package lockstep.engine.autograd;

import lockstep.linalg.Matrix;
import lockstep.linalg.RowOps;

/**
 * A row vector combined with every row of a matrix, element by element (a dense layer's bias, batch normalisation's
 * mean, σ, γ and β):
 * <pre>
 *   forward:  Z = X ∘ 1·v              X [m,n], v [1,n], Z [m,n];  ∘ one of +, −, ⊙, ÷
 *   backward: ADD  dX = dZ             dv = Σ_rows dZ
 *             SUB  dX = dZ             dv = −Σ_rows dZ
 *             MUL  dX = dZ ⊙ 1·v       dv = Σ_rows dZ ⊙ X
 *             DIV  dX = dZ ÷ 1·v       dv = −Σ_rows dZ ⊙ X ÷ v²
 * </pre>
 */
final class RowBroadcastOp extends Op {

    /** How v combines with a row. */
    enum Kind {
        ADD, SUB, MUL, DIV
    }

    private final Tensor x;
    private final Tensor v;
    private final Kind kind;

    private RowBroadcastOp(Tensor x, Tensor v, Kind kind) {
        super(x, v);
        this.x = x;
        this.v = v;
        this.kind = kind;
    }

    static Tensor apply(Tensor x, Tensor v, Kind kind) {
        if (v.rows() != 1 || v.cols() != x.cols() || v.dtype() != x.dtype()) {
            throw new IllegalArgumentException(kind.name().toLowerCase(java.util.Locale.ROOT) + "RowVector: "
                    + v.dtype() + v.data().shape() + " does not fit the rows of " + x.dtype() + x.data().shape());
        }
        Matrix z = x.data().copy();
        if (kind == Kind.ADD) {
            RowOps.addRowVector(z, v.data());                              // Z = X + 1·v   [m,n]
        } else {
            int n = z.cols();
            for (int i = 0; i < z.size(); i++) {
                double a = z.get(i);
                double b = v.data().get(i % n);
                z.set(i, switch (kind) {                                   // Z = X ∘ 1·v   [m,n]
                    case SUB -> a - b;
                    case MUL -> a * b;
                    default -> a / b;
                });
            }
        }
        return new RowBroadcastOp(x, v, kind).record(z);
    }

    @Override
    public String name() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + "RowVector";
    }

    @Override
    protected Matrix[] backward(Matrix dZ) {
        int n = dZ.cols();
        Matrix dX = null;
        if (x.requiresGrad()) {
            dX = dZ.copy();                                                // ADD, SUB: dX = dZ
            if (kind == Kind.MUL || kind == Kind.DIV) {
                for (int i = 0; i < dX.size(); i++) {
                    double b = v.data().get(i % n);
                    dX.set(i, kind == Kind.MUL ? dZ.get(i) * b : dZ.get(i) / b);   // dZ ⊙ v, dZ ÷ v  [m,n]
                }
            }
        }
        Matrix dv = null;
        if (v.requiresGrad()) {
            dv = dZ.like(1, n);
            if (kind == Kind.ADD || kind == Kind.SUB) {
                RowOps.sumRows(dZ, dv);                                    // Σ_rows dZ      [1,n]
                if (kind == Kind.SUB) {
                    for (int c = 0; c < n; c++) {
                        dv.set(c, -dv.get(c));
                    }
                }
            } else {
                double[] sums = new double[n];
                for (int i = 0; i < dZ.size(); i++) {
                    sums[i % n] += dZ.get(i) * x.data().get(i);            // Σ_rows dZ ⊙ X  [1,n]
                }
                for (int c = 0; c < n; c++) {
                    double b = v.data().get(c);
                    dv.set(c, kind == Kind.MUL ? sums[c] : -sums[c] / (b * b));
                }
            }
        }
        return new Matrix[] {dX, dv};
    }
}
