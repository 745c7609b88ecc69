package lockstep.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import lockstep.rand.SplitMix64;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** What the layer parity tests share: seeded test values, DL4J arrays in and out, and the worst difference. */
final class LayerParity {
    private LayerParity() {
    }

    /** n values uniform in [shift − scale, shift + scale) from {@code seed}. */
    static double[] random(int n, long seed, double scale, double shift) {
        SplitMix64 r = new SplitMix64(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = (r.nextDouble() * 2 - 1) * scale + shift;
        }
        return v;
    }

    /** n values uniform in [-1, 1). */
    static double[] random(int n, long seed) {
        return random(n, seed, 1.0, 0.0);
    }

    /** Row-major values as a DL4J array of {@code shape} in {@code type}. */
    static INDArray nd(double[] v, DataType type, long... shape) {
        return Nd4j.create(v, shape, 'c').castTo(type);
    }

    /** A DL4J array's values, row-major (c order), as doubles. */
    static double[] values(INDArray a) {
        return a.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }

    /** The largest |a − b| / max(|b|, floor) over the elements. */
    static double worst(double[] a, double[] b, double floor) {
        assertEquals(b.length, a.length);
        double w = 0;
        for (int i = 0; i < a.length; i++) {
            w = Math.max(w, Math.abs(a[i] - b[i]) / Math.max(Math.abs(b[i]), floor));
        }
        return w;
    }
}
