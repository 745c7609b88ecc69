package lockstep.linalg;

/**
 * Element-by-element operations on whole matrices of one shape, as tight loops over the flat arrays.
 * Each element is computed in double and rounded once to the matrix's type, exactly as the same
 * expression written with {@link Matrix#get}/{@link Matrix#set} would be (a FLOAT result is the
 * double result rounded to float), so these loops are bit-identical to element-wise code. A FLOAT
 * loop that widens to double cannot be auto-vectorised by this JDK's JIT, and one element after
 * another its conversions form a chain through the register they reuse (about 4 ns an element): the
 * hot ones (scale, addScaled) therefore take four elements per iteration, about 5x faster. (A Vector
 * API version, 25x faster in isolation, made C2 stop inlining the matrix kernels' vector code in the
 * same JVM, which then allocated on every call.) The
 * arguments must share one shape and type; only the matrix named as modified is written.
 */
public final class ElementOps {
    private ElementOps() {
    }

    /** {@code y_i = a·x_i}. Modifies y (which may be x). */
    public static void scale(double a, Matrix x, Matrix y) {
        x.requireSameShapeAndType(y, "scale");
        if (y instanceof FMatrix fy) {
            FMatrix fx = (FMatrix) x;
            float[] xd = fx.data, yd = fy.data;
            int xo = fx.off, yo = fy.off, n = y.size();
            int i = 0;
            for (; i + 3 < n; i += 4) {       // four independent conversion chains, see the class comment
                double x0 = xd[xo + i], x1 = xd[xo + i + 1], x2 = xd[xo + i + 2], x3 = xd[xo + i + 3];
                yd[yo + i] = (float) (a * x0);
                yd[yo + i + 1] = (float) (a * x1);
                yd[yo + i + 2] = (float) (a * x2);
                yd[yo + i + 3] = (float) (a * x3);
            }
            for (; i < n; i++) {
                yd[yo + i] = (float) (a * xd[xo + i]);
            }
        } else {
            DMatrix dx = (DMatrix) x, dy = (DMatrix) y;
            double[] xd = dx.data, yd = dy.data;
            for (int i = 0, xo = dx.off, yo = dy.off, n = y.size(); i < n; i++) {
                yd[yo + i] = a * xd[xo + i];
            }
        }
    }

    /** {@code y_i = a·x_i + y_i}, rounded once. Modifies y. */
    public static void addScaled(double a, Matrix x, Matrix y) {
        x.requireSameShapeAndType(y, "addScaled");
        if (y instanceof FMatrix fy) {
            FMatrix fx = (FMatrix) x;
            float[] xd = fx.data, yd = fy.data;
            int xo = fx.off, yo = fy.off, n = y.size();
            int i = 0;
            for (; i + 3 < n; i += 4) {
                double y0 = yd[yo + i], y1 = yd[yo + i + 1], y2 = yd[yo + i + 2], y3 = yd[yo + i + 3];
                yd[yo + i] = (float) (a * xd[xo + i] + y0);
                yd[yo + i + 1] = (float) (a * xd[xo + i + 1] + y1);
                yd[yo + i + 2] = (float) (a * xd[xo + i + 2] + y2);
                yd[yo + i + 3] = (float) (a * xd[xo + i + 3] + y3);
            }
            for (; i < n; i++) {
                yd[yo + i] = (float) (a * xd[xo + i] + yd[yo + i]);
            }
        } else {
            DMatrix dx = (DMatrix) x, dy = (DMatrix) y;
            double[] xd = dx.data, yd = dy.data;
            for (int i = 0, xo = dx.off, yo = dy.off, n = y.size(); i < n; i++) {
                yd[yo + i] = a * xd[xo + i] + yd[yo + i];
            }
        }
    }

    /** {@code y_i = a·sign(x_i) + y_i}, rounded once ({@link Math#signum}: 0 at ±0). Modifies y. */
    public static void addScaledSign(double a, Matrix x, Matrix y) {
        x.requireSameShapeAndType(y, "addScaledSign");
        if (y instanceof FMatrix fy) {
            FMatrix fx = (FMatrix) x;
            float[] xd = fx.data, yd = fy.data;
            for (int i = 0, xo = fx.off, yo = fy.off, n = y.size(); i < n; i++) {
                yd[yo + i] = (float) (a * Math.signum((double) xd[xo + i]) + yd[yo + i]);
            }
        } else {
            DMatrix dx = (DMatrix) x, dy = (DMatrix) y;
            double[] xd = dx.data, yd = dy.data;
            for (int i = 0, xo = dx.off, yo = dy.off, n = y.size(); i < n; i++) {
                yd[yo + i] = a * Math.signum(xd[xo + i]) + yd[yo + i];
            }
        }
    }

    /**
     * {@code out_i = a_i · b_i} (a Hadamard product, e.g. an input times its dropout mask), rounded once:
     * in FLOAT the float product itself. Modifies out (which may be a or b).
     */
    public static void multiply(Matrix a, Matrix b, Matrix out) {
        a.requireSameShapeAndType(b, "multiply");
        a.requireSameShapeAndType(out, "multiply");
        if (out instanceof FMatrix fo) {
            FMatrix fa = (FMatrix) a, fb = (FMatrix) b;
            float[] ad = fa.data, bd = fb.data, od = fo.data;
            for (int i = 0, ao = fa.off, bo = fb.off, oo = fo.off, n = out.size(); i < n; i++) {
                od[oo + i] = ad[ao + i] * bd[bo + i];
            }
        } else {
            DMatrix da = (DMatrix) a, db = (DMatrix) b, dout = (DMatrix) out;
            double[] ad = da.data, bd = db.data, od = dout.data;
            for (int i = 0, ao = da.off, bo = db.off, oo = dout.off, n = out.size(); i < n; i++) {
                od[oo + i] = ad[ao + i] * bd[bo + i];
            }
        }
    }

    /**
     * {@code out_i = a_i + b_i} (e.g. an input plus its noise), rounded once: in FLOAT the float sum itself.
     * Modifies out (which may be a or b).
     */
    public static void add(Matrix a, Matrix b, Matrix out) {
        a.requireSameShapeAndType(b, "add");
        a.requireSameShapeAndType(out, "add");
        if (out instanceof FMatrix fo) {
            FMatrix fa = (FMatrix) a, fb = (FMatrix) b;
            float[] ad = fa.data, bd = fb.data, od = fo.data;
            for (int i = 0, ao = fa.off, bo = fb.off, oo = fo.off, n = out.size(); i < n; i++) {
                od[oo + i] = ad[ao + i] + bd[bo + i];
            }
        } else {
            DMatrix da = (DMatrix) a, db = (DMatrix) b, dout = (DMatrix) out;
            double[] ad = da.data, bd = db.data, od = dout.data;
            for (int i = 0, ao = da.off, bo = db.off, oo = dout.off, n = out.size(); i < n; i++) {
                od[oo + i] = ad[ao + i] + bd[bo + i];
            }
        }
    }

    /** {@code y_i = y_i - x_i}: one rounding, so in FLOAT the float subtraction itself. Modifies y. */
    public static void subtract(Matrix y, Matrix x) {
        x.requireSameShapeAndType(y, "subtract");
        if (y instanceof FMatrix fy) {
            FMatrix fx = (FMatrix) x;
            float[] xd = fx.data, yd = fy.data;
            for (int i = 0, xo = fx.off, yo = fy.off, n = y.size(); i < n; i++) {
                yd[yo + i] -= xd[xo + i];
            }
        } else {
            DMatrix dx = (DMatrix) x, dy = (DMatrix) y;
            double[] xd = dx.data, yd = dy.data;
            for (int i = 0, xo = dx.off, yo = dy.off, n = y.size(); i < n; i++) {
                yd[yo + i] -= xd[xo + i];
            }
        }
    }

    /** {@code x_i = x_i / d}, rounded once. Modifies x. */
    public static void divide(Matrix x, double d) {
        if (x instanceof FMatrix fx) {
            float[] xd = fx.data;
            for (int i = fx.off, end = fx.off + x.size(); i < end; i++) {
                xd[i] = (float) (xd[i] / d);
            }
        } else {
            DMatrix dx = (DMatrix) x;
            double[] xd = dx.data;
            for (int i = dx.off, end = dx.off + x.size(); i < end; i++) {
                xd[i] = xd[i] / d;
            }
        }
    }

    /** {@code x_i = max(-t, min(t, x_i))}, rounded once. Modifies x. */
    public static void clip(Matrix x, double t) {
        if (x instanceof FMatrix fx) {
            float[] xd = fx.data;
            for (int i = fx.off, end = fx.off + x.size(); i < end; i++) {
                xd[i] = (float) Math.max(-t, Math.min(t, xd[i]));
            }
        } else {
            DMatrix dx = (DMatrix) x;
            double[] xd = dx.data;
            for (int i = dx.off, end = dx.off + x.size(); i < end; i++) {
                xd[i] = Math.max(-t, Math.min(t, xd[i]));
            }
        }
    }

    /** A function of one element, in double and in float arithmetic. */
    public interface ElementFunction {
        double value(double x);

        float valueFloat(float x);
    }

    /** A function of two elements (e.g. z and a = f(z)), in double and in float arithmetic. */
    public interface ElementFunction2 {
        double value(double x, double y);

        float valueFloat(float x, float y);
    }

    /** One element's stateful update: reads g and the element's state s, may rewrite s, returns u. */
    public interface StatefulUpdate {
        double update(double g, double[] s, double step);
    }

    /**
     * {@code y_i = f(x_i)}: in a FLOAT pair with f's float version, otherwise with its double version (rounded once
     * to y's type). x and y share a shape; modifies y.
     */
    public static void map(Matrix x, Matrix y, ElementFunction f) {
        if (x instanceof FMatrix fx && y instanceof FMatrix fy) {
            float[] xd = fx.data, yd = fy.data;
            for (int i = 0, xo = fx.off, yo = fy.off, n = x.size(); i < n; i++) {
                yd[yo + i] = f.valueFloat(xd[xo + i]);
            }
            return;
        }
        for (int i = 0, n = x.size(); i < n; i++) {
            y.set(i, f.value(x.get(i)));
        }
    }

    /**
     * {@code out_i = g_i · f(x_i, y_i)}: in float arithmetic when all four are FLOAT (the product in float too),
     * otherwise in double. All share a shape; modifies out.
     */
    public static void multiplyByFunction(Matrix g, Matrix x, Matrix y, Matrix out, ElementFunction2 f) {
        if (g instanceof FMatrix fg && x instanceof FMatrix fx && y instanceof FMatrix fy && out instanceof FMatrix fo) {
            float[] gd = fg.data, xd = fx.data, yd = fy.data, od = fo.data;
            for (int i = 0, go = fg.off, xo = fx.off, yo = fy.off, oo = fo.off, n = x.size(); i < n; i++) {
                od[oo + i] = gd[go + i] * f.valueFloat(xd[xo + i], yd[yo + i]);
            }
            return;
        }
        for (int i = 0, n = x.size(); i < n; i++) {
            out.set(i, g.get(i) * f.value(x.get(i), y.get(i)));
        }
    }

    /**
     * Σ x_i² over all the matrices, accumulated in their type: one running float sum over them in order when they are
     * FLOAT (so tiny squares underflow to 0 as in ND4J), a double sum otherwise.
     */
    public static double sumOfSquares(java.util.List<Matrix> xs) {
        double sum = 0.0;
        for (int m = 0; m < xs.size(); m++) {
            sum = sumOfSquares(xs.get(m), sum);
        }
        return sum;
    }

    /** {@code sum + Σ x_i²}, accumulated in x's type (a float running sum for FLOAT, so sum must be a float value then). */
    public static double sumOfSquares(Matrix x, double sum) {
        if (x instanceof FMatrix fx) {
            float s = (float) sum;
            float[] xd = fx.data;
            for (int i = fx.off, end = fx.off + x.size(); i < end; i++) {
                s += xd[i] * xd[i];
            }
            return s;
        }
        DMatrix dx = (DMatrix) x;
        double s = sum;
        double[] xd = dx.data;
        for (int i = dx.off, end = dx.off + x.size(); i < end; i++) {
            s += xd[i] * xd[i];
        }
        return s;
    }

    /**
     * {@code u_i = f.update(g_i, s_i, step)} for every i, where s_i holds element i of each state matrix: read exactly as doubles, passed
     * in {@code scratch} (length at least state.length), and written back rounded once to the type, as is u_i; so the
     * result does not depend on the order of the elements. g, u and every state matrix share shape and type; modifies u
     * (which may be g) and the state.
     */
    public static void updateWithState(Matrix g, Matrix u, Matrix[] state, double[] scratch, double step, StatefulUpdate f) {
        g.requireSameShapeAndType(u, "update");
        int n = state.length;
        if (u instanceof FMatrix fu) {
            FMatrix fg = (FMatrix) g;
            for (int i = 0, size = u.size(); i < size; i++) {
                for (int k = 0; k < n; k++) {
                    scratch[k] = state[k].get(i);        // exact: a float widened
                }
                fu.data[fu.off + i] = (float) f.update(fg.data[fg.off + i], scratch, step);
                for (int k = 0; k < n; k++) {
                    state[k].set(i, scratch[k]);         // rounded once to float
                }
            }
        } else {
            DMatrix dg = (DMatrix) g, du = (DMatrix) u;
            for (int i = 0, size = u.size(); i < size; i++) {
                for (int k = 0; k < n; k++) {
                    scratch[k] = state[k].get(i);
                }
                du.data[du.off + i] = f.update(dg.data[dg.off + i], scratch, step);
                for (int k = 0; k < n; k++) {
                    state[k].set(i, scratch[k]);
                }
            }
        }
    }
}
