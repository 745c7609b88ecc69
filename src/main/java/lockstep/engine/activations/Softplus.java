package lockstep.engine.activations;

import lockstep.spec.ActivationType;

/** ln(1 + e^z); f'(z) = σ(z). */
public class Softplus extends ElementwiseActivation {
    @Override
    public ActivationType type() {
        return ActivationType.SOFTPLUS;
    }

    @Override
    protected double value(double z) {
        return Math.log(1.0 + Math.exp(z));
    }

    @Override
    protected double derivative(double z, double a) {
        double ex = Math.pow(Math.E, z);   // ND4J: e^x / (e^x + 1), NaN (inf/inf) past z = 709
        return ex / (ex + 1.0);
    }

    @Override
    protected float valueFloat(float z) {
        return (float) Math.log(1.0f + (float) Math.exp(z));
    }

    @Override
    protected float derivativeFloat(float z, float a) {
        float ex = (float) Math.pow((float) Math.E, z);   // NaN past z = 88.7, as ND4J's
        return ex / (ex + 1.0f);
    }
}
