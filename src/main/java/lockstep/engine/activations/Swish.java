package lockstep.engine.activations;

import lockstep.spec.ActivationType;

/** z·σ(z); f'(z) = σ(z) + zσ(z)(1 - σ(z)), computed as ND4J does: e^z (z + e^z + 1) / (e^z + 1)². */
public class Swish extends ElementwiseActivation {
    @Override
    public ActivationType type() {
        return ActivationType.SWISH;
    }

    @Override
    protected double value(double z) {
        return z * sigmoid(z);
    }

    @Override
    protected double derivative(double z, double a) {
        double ex = Math.pow(Math.E, z);   // ND4J: e^x (x + e^x + 1) / (e^x + 1)², NaN (inf/inf) past z = 355
        double d = ex + 1.0;
        return ex * (z + ex + 1.0) / (d * d);
    }

    @Override
    protected float valueFloat(float z) {
        return z * sigmoidFloat(z);
    }

    @Override
    protected float derivativeFloat(float z, float a) {
        float ex = (float) Math.pow((float) Math.E, z);   // ND4J: e^x (x + e^x + 1) / (e^x + 1)²
        float d = ex + 1.0f;
        return ex * (z + ex + 1.0f) / (d * d);
    }
}
