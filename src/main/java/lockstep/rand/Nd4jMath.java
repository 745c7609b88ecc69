package lockstep.rand;

import lockstep.linalg.DType;

/**
 * The arithmetic of a libnd4j op in its data type T: every result rounded to T (for FLOAT, a double
 * operation rounded to float equals the float operation for + - * / and sqrt), and the libm functions
 * ND4J's {@code sd::math::sd_log/sd_cos/sd_sin} call (log/cos/sin for double, logf/cosf/sinf for float).
 */
final class Nd4jMath {
    private final DType type;
    private final Libm libm;

    Nd4jMath(DType type, Libm libm) {
        this.type = type;
        this.libm = libm;
    }

    /** x rounded to T. */
    double r(double x) {
        return round(type, x);
    }

    /** x rounded to {@code type}. */
    static double round(DType type, double x) {
        return type == DType.FLOAT ? (float) x : x;
    }

    double log(double x) {
        return type == DType.FLOAT ? libm.logf((float) x) : libm.log(x);
    }

    double cos(double x) {
        return type == DType.FLOAT ? libm.cosf((float) x) : libm.cos(x);
    }

    double sin(double x) {
        return type == DType.FLOAT ? libm.sinf((float) x) : libm.sin(x);
    }

    double sqrt(double x) {
        return r(Math.sqrt(x));
    }

    /** A uniform from the generator at index in T: relativeT&lt;T&gt;(index). */
    double uniform(Nd4jRandom rng, long index) {
        return type == DType.FLOAT ? rng.uniformFloat(index) : rng.uniformDouble(index);
    }
}
