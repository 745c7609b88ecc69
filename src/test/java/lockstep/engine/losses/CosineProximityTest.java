package lockstep.engine.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;

import lockstep.engine.activations.Identity;
import lockstep.linalg.DType;
import lockstep.linalg.Matrix;
import org.junit.jupiter.api.Test;

/**
 * Cosine proximity with labels that are not unit vectors (one-hot labels have |y| = 1, which hides a factor |y|):
 * the score against its closed form -(y·p)/(|p||y|) and the gradient against central finite differences of it.
 */
class CosineProximityTest {

    /**
     * DL4J's XENT quirk with a SOFTMAX output (Xent's javadoc): the score is MCXENT's -Σ y ln p, no clip and no
     * (1 - y) ln(1 - p) term. p = (0.25, 0.75), y = (0, 1): -ln 0.75; with a sigmoid output the binary term counts:
     * -ln 0.75 - ln 0.75 (the first output's 1 - p).
     */
    @Test
    void xentWithASoftmaxOutputScoresLikeMcxent() {
        Matrix p = Matrix.of(DType.DOUBLE, 1, 2, new double[] {0.25, 0.75});
        Matrix y = Matrix.of(DType.DOUBLE, 1, 2, new double[] {0, 1});
        Xent xent = new Xent();
        assertEquals(lockstep.spec.LossType.XENT, xent.type());
        assertEquals(-Math.log(0.75), xent.score(p, y, new lockstep.engine.activations.Softmax()), 1e-15);
        assertEquals(-2 * Math.log(0.75), xent.score(p, y, new lockstep.engine.activations.Sigmoid()), 1e-15);
    }

    @Test
    void scoreAndGradientWithLabelsOfAnyLength() {
        double[] p = {0.3, -1.2, 2.0, 0.7, 0.1, -0.4};
        double[] y = {2.0, 0.5, -1.0, 0.0, 3.0, 1.5};
        Matrix out = Matrix.of(DType.DOUBLE, 2, 3, p);
        Matrix labels = Matrix.of(DType.DOUBLE, 2, 3, y);
        CosineProximity loss = new CosineProximity();
        assertEquals(lockstep.spec.LossType.COSINE_PROXIMITY, loss.type());
        double expected = 0;
        for (int r = 0; r < 2; r++) {
            double dot = 0, pp = 0, yy = 0;
            for (int c = 0; c < 3; c++) {
                dot += p[r * 3 + c] * y[r * 3 + c];
                pp += p[r * 3 + c] * p[r * 3 + c];
                yy += y[r * 3 + c] * y[r * 3 + c];
            }
            expected -= dot / Math.sqrt(pp) / Math.sqrt(yy);
        }
        assertEquals(expected / 2, loss.score(out, labels, new Identity()), 1e-15);

        Matrix grad = Matrix.zeros(DType.DOUBLE, 2, 3);
        loss.gradient(out, out, labels, new Identity(), grad);
        double h = 1e-6;
        for (int i = 0; i < 6; i++) {
            double[] up = p.clone();
            double[] down = p.clone();
            up[i] += h;
            down[i] -= h;
            double fd = (loss.score(Matrix.of(DType.DOUBLE, 2, 3, up), labels, new Identity())
                    - loss.score(Matrix.of(DType.DOUBLE, 2, 3, down), labels, new Identity())) / (2 * h);
            assertEquals(fd, grad.get(i), 1e-8, "dL/dp_" + i);
        }
    }
}
