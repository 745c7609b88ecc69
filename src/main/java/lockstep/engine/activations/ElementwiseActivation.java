package lockstep.engine.activations;

import lockstep.linalg.ElementOps;
import lockstep.linalg.Matrix;

/**
 * An activation applied element by element: a = f(z), dL/dz = dL/da · f'(z). A FLOAT matrix is
 * computed by the float versions, which by default round the double result once; activations whose
 * ND4J kernel works in float arithmetic (1 + e^-z rounded to float, and so on) override them with the
 * same sequence of float operations, because near saturation (1 - σ(z) for large z) a single float
 * rounding decides the value.
 */
public abstract class ElementwiseActivation implements Activation {
    /** f, as the element loops of linalg call it (one object per activation: a step allocates nothing). */
    private final ElementOps.ElementFunction function = new ElementOps.ElementFunction() {
        @Override
        public double value(double z) {
            return ElementwiseActivation.this.value(z);
        }

        @Override
        public float valueFloat(float z) {
            return ElementwiseActivation.this.valueFloat(z);
        }
    };
    /** f'(z, a), likewise. */
    private final ElementOps.ElementFunction2 derivative = new ElementOps.ElementFunction2() {
        @Override
        public double value(double z, double a) {
            return ElementwiseActivation.this.derivative(z, a);
        }

        @Override
        public float valueFloat(float z, float a) {
            return ElementwiseActivation.this.derivativeFloat(z, a);
        }
    };

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

    /**
     * ND4J's tanh in double (see {@link Tanh}): from a power of e, so that below about 1e-17 it is 0 where Math.tanh
     * gives z itself, and near 0 it is up to 2e-5 relative off (tanh(1e-12) = 9.99978e-13). Every activation built on
     * tanh uses it (rectified tanh, mish), as ND4J's do.
     */
    protected static double tanhDouble(double z) {
        if (z <= 0.0) {
            double p = Math.pow(Math.E, 2.0 * z);
            return (p - 1.0) / (p + 1.0);
        }
        double p = Math.pow(Math.E, -2.0 * z);
        return (1.0 - p) / (1.0 + p);
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
        ElementOps.map(z, a, function);                                    // a = f(z)
    }

    @Override
    public final void backward(Matrix z, Matrix a, Matrix dLda, Matrix dLdz) {
        ElementOps.multiplyByFunction(dLda, z, a, dLdz, derivative);        // dL/dz = dL/da ⊙ f'(z)
    }
}
