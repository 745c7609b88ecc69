package lockstep.engine.activations;

import lockstep.spec.ActivationType;

/** 1.7159·rtanh(2z/3), where rtanh(y) = sign(y)(1 - 1/(1 + |y| + y² + 1.41645y⁴)) approximates tanh;
 * both constants are floats in ND4J. */
public class RationalTanh extends ElementwiseActivation {
    @Override
    public ActivationType type() {
        return ActivationType.RATIONALTANH;
    }

    static final double SCALE = 1.7159f;
    static final double QUARTIC = 1.41645f;

    @Override
    protected double value(double z) {
        double y = (2.0 / 3.0) * z;
        return SCALE * Math.signum(y) * (1.0 - 1.0 / denominator(y));
    }

    @Override
    protected double derivative(double z, double a) {
        double y = (2.0 / 3.0) * z;
        double m = Math.abs(y);
        double d = denominator(y);
        return SCALE * (2.0 / 3.0) * ((1.0 + 2.0 * m + 4.0 * QUARTIC * m * m * m) / (d * d));
    }

    /** 1 + |y| + y² + 1.41645·y⁴, the rational approximation's denominator. */
    private static double denominator(double y) {
        return 1.0 + Math.abs(y) + Math.pow(y, 2) + QUARTIC * Math.pow(y, 4);
    }

    @Override
    protected float valueFloat(float z) {
        float y = (2.0f / 3.0f) * z;
        float d = 1.0f + Math.abs(y) + y * y + (float) QUARTIC * (y * y * y * y);
        return (float) SCALE * Math.signum(y) * (1.0f - 1.0f / d);
    }
}
