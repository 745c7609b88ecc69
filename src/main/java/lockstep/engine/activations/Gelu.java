package lockstep.engine.activations;

import lockstep.spec.ActivationType;

/** DL4J's default (non-precise) GELU: the sigmoid approximation z·σ(1.702z), with 1.702 as a float. */
public class Gelu extends ElementwiseActivation {
    static final double K = 1.702f;

    @Override
    public ActivationType type() {
        return ActivationType.GELU;
    }

    @Override
    protected double value(double z) {
        return z * sigmoid(K * z);
    }

    @Override
    protected double derivative(double z, double a) {
        double ex = Math.pow(Math.E, K * z);   // ND4J: e^kx (kx + e^kx + 1) / (e^kx + 1)², NaN (inf/inf) past kx = 355
        double d = ex + 1.0;
        return ex * (K * z + ex + 1.0) / (d * d);
    }

    @Override
    protected float valueFloat(float z) {
        return z * sigmoidFloat((float) K * z);
    }

    @Override
    protected float derivativeFloat(float z, float a) {
        float k = (float) K;                            // ND4J: e^kx (kx + e^kx + 1) / (e^kx + 1)²
        float ex = (float) Math.pow((float) Math.E, k * z);
        float d = ex + 1.0f;
        return ex * (k * z + ex + 1.0f) / (d * d);
    }
}
