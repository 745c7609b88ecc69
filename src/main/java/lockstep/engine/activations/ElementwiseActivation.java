package lockstep.engine.activations;

import lockstep.linalg.FMatrix;
import lockstep.linalg.Matrix;

/**
 * An activation applied element by element: a = f(z), dL/dz = dL/da · f'(z). A FLOAT matrix is
 * computed by the float versions, which by default round the double result once; activations whose
 * ND4J kernel works in float arithmetic (1 + e^-z rounded to float, and so on) override them with the
 * same sequence of float operations, because near saturation (1 - σ(z) for large z) a single float
 * rounding decides the value.
 */
public abstract class ElementwiseActivation implements Activation {

    /** f(z). */
    protected abstract double value(double z);

    /** f'(z), given z and a = f(z) (whichever is cheaper to use). */
    protected abstract double derivative(double z, double a);

    /** f(z) in float arithmetic, as ND4J's float kernel computes it. */
    protected float valueFloat(float z) {
        return (float) value(z);
    }

    /** f'(z) in float arithmetic, given z and a = f(z). */
    protected float derivativeFloat(float z, float a) {
        return (float) derivative(z, a);
    }

    /** The logistic function 1 / (1 + e^-x), shared by the activations built on it. */
    protected static double sigmoid(double x) {
        return 1.0 / (1.0 + Math.exp(-x));
    }

    /** The logistic function in float arithmetic: 1 + e^-x is rounded to float before the division. */
    protected static float sigmoidFloat(float x) {
        return 1.0f / (1.0f + (float) Math.exp(-x));
    }

    /** ND4J's tanh (see {@link Tanh}) in float arithmetic, with e as a float. */
    protected static float tanhFloat(float z) {
        float e = (float) Math.E;
        if (z <= 0.0f) {
            float p = (float) Math.pow(e, 2.0f * z);
            return (p - 1.0f) / (p + 1.0f);
        }
        float p = (float) Math.pow(e, -2.0f * z);
        return (1.0f - p) / (1.0f + p);
    }

    @Override
    public final void forward(Matrix z, Matrix a) {
        if (z instanceof FMatrix fz && a instanceof FMatrix fa) {
            for (int i = 0, n = fz.data.length; i < n; i++) {
                fa.data[i] = valueFloat(fz.data[i]);
            }
            return;
        }
        for (int i = 0, n = z.size(); i < n; i++) {
            a.set(i, value(z.get(i)));
        }
    }

    @Override
    public final void backward(Matrix z, Matrix a, Matrix dLda, Matrix dLdz) {
        if (z instanceof FMatrix fz && a instanceof FMatrix fa && dLda instanceof FMatrix g && dLdz instanceof FMatrix out) {
            for (int i = 0, n = fz.data.length; i < n; i++) {
                out.data[i] = g.data[i] * derivativeFloat(fz.data[i], fa.data[i]);
            }
            return;
        }
        for (int i = 0, n = z.size(); i < n; i++) {
            dLdz.set(i, dLda.get(i) * derivative(z.get(i), a.get(i)));
        }
    }
}
