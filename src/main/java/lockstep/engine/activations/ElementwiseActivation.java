package lockstep.engine.activations;

import lockstep.linalg.Matrix;

/** An activation applied element by element: a = f(z), dL/dz = dL/da · f'(z). */
public abstract class ElementwiseActivation implements Activation {

    /** f(z). */
    protected abstract double value(double z);

    /** f'(z), given z and a = f(z) (whichever is cheaper to use). */
    protected abstract double derivative(double z, double a);

    /** The logistic function 1 / (1 + e^-x), shared by the activations built on it. */
    protected static double sigmoid(double x) {
        return 1.0 / (1.0 + Math.exp(-x));
    }

    @Override
    public final void forward(Matrix z, Matrix a) {
        for (int i = 0, n = z.size(); i < n; i++) {
            a.set(i, value(z.get(i)));
        }
    }

    @Override
    public final void backward(Matrix z, Matrix a, Matrix dLda, Matrix dLdz) {
        for (int i = 0, n = z.size(); i < n; i++) {
            dLdz.set(i, dLda.get(i) * derivative(z.get(i), a.get(i)));
        }
    }
}
