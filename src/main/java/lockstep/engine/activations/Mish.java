package lockstep.engine.activations;

import lockstep.spec.ActivationType;

/** z·tanh(ln(1 + e^z)); f'(z) = e^z ω / δ² with ω = 4(z+1) + 4e^2z + e^3z + e^z(4z+6), δ = 2e^z + e^2z + 2. */
public class Mish extends ElementwiseActivation {
    @Override
    public ActivationType type() {
        return ActivationType.MISH;
    }

    @Override
    protected double value(double z) {
        return z * tanhDouble(Math.log(1.0 + Math.exp(z)));
    }

    @Override
    protected double derivative(double z, double a) {
        double e = Math.exp(z);
        double omega = 4.0 * (z + 1.0) + 4.0 * e * e + e * e * e + e * (4.0 * z + 6.0);
        double delta = 2.0 * e + e * e + 2.0;
        return e * omega / (delta * delta);
    }

    @Override
    protected float valueFloat(float z) {
        return z * tanhFloat((float) Math.log(1.0f + (float) Math.exp(z)));
    }

    /** The same formula in float arithmetic, as ND4J's float kernel: inf/inf = NaN once e^3z overflows (z past 29.6). */
    @Override
    protected float derivativeFloat(float z, float a) {
        float e = (float) Math.exp(z);
        float omega = 4.0f * (z + 1.0f) + 4.0f * e * e + e * e * e + e * (4.0f * z + 6.0f);
        float delta = 2.0f * e + e * e + 2.0f;
        return e * omega / (delta * delta);
    }
}
