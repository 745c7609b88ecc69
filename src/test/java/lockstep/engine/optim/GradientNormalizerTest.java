package lockstep.engine.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import lockstep.linalg.DType;
import lockstep.linalg.Matrix;
import lockstep.spec.GradientNormalization;
import lockstep.spec.GradientNormalizationSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each of DL4J's gradient normalisations on one layer's W = [3, 4] and b = [b0], worked by hand (3-4-5 triangles, so
 * every norm is exact): renormalise to unit L2 per layer or per parameter (0/0 avoided by dividing by 1e-5), clip each
 * element, clip the L2 norm per layer or per parameter.
 */
class GradientNormalizerTest {

    private static double[][] apply(DType dtype, GradientNormalization type, double threshold, double[] w, double[] b) {
        Matrix gw = Matrix.of(dtype, 1, w.length, w);
        Matrix gb = Matrix.of(dtype, 1, b.length, b);
        GradientNormalizer.apply(new GradientNormalizationSpec(type, threshold), List.of(gw, gb));
        return new double[][] {gw.toDoubleArray(), gb.toDoubleArray()};
    }

    private static void check(double[] wantW, double[] wantB, double[][] got, double tol) {
        assertArrayEquals(wantW, got[0], tol, "W");
        assertArrayEquals(wantB, got[1], tol, "b");
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void everyNormalisationOnA345Layer(DType dtype) {
        double tol = dtype == DType.FLOAT ? 1e-7 : 1e-15;
        double[] w = {3, 4};
        check(w, new double[] {0}, apply(dtype, GradientNormalization.None, 1.0, w, new double[] {0}), 0.0);
        // per layer: |(3, 4, 0)| = 5
        check(new double[] {0.6, 0.8}, new double[] {0}, apply(dtype, GradientNormalization.RenormalizeL2PerLayer, 1.0, w,
                new double[] {0}), tol);
        // per parameter: W / 5; b = 0 has norm 0, divided by 1e-5 instead: stays 0
        check(new double[] {0.6, 0.8}, new double[] {0}, apply(dtype, GradientNormalization.RenormalizeL2PerParamType, 1.0, w,
                new double[] {0}), tol);
        check(new double[] {0.6, 0.8}, new double[] {-1}, apply(dtype, GradientNormalization.RenormalizeL2PerParamType, 1.0, w,
                new double[] {-2}), tol);
        check(new double[] {2, -2}, new double[] {0.5}, apply(dtype, GradientNormalization.ClipElementWiseAbsoluteValue, 2.0,
                new double[] {3, -4}, new double[] {0.5}), 0.0);
        // per layer: |(3, 4, 12)| = 13 > 6.5: everything halved; below the threshold nothing changes
        check(new double[] {1.5, 2}, new double[] {6}, apply(dtype, GradientNormalization.ClipL2PerLayer, 6.5, w,
                new double[] {12}), tol);
        check(w, new double[] {12}, apply(dtype, GradientNormalization.ClipL2PerLayer, 14, w, new double[] {12}), 0.0);
        // per parameter: |W| = 5 > 2.5 halves W; |b| = 1 stays
        check(new double[] {1.5, 2}, new double[] {1}, apply(dtype, GradientNormalization.ClipL2PerParamType, 2.5, w,
                new double[] {1}), tol);
    }

    /** A norm that is not exact in float (sqrt 2): DOUBLE keeps the double norm, FLOAT rounds it to float as ND4J does. */
    @ParameterizedTest
    @EnumSource(DType.class)
    void theNormIsTakenInTheGradientsType(DType dtype) {
        double norm = dtype == DType.FLOAT ? (float) Math.sqrt(2) : Math.sqrt(2);
        double want = dtype == DType.FLOAT ? (float) (1.0 / norm * 1.0f) : 1.0 / norm;
        double[][] perLayer = apply(dtype, GradientNormalization.RenormalizeL2PerLayer, 1.0, new double[] {1, 1}, new double[] {0});
        assertArrayEquals(new double[] {want, want}, perLayer[0], 0.0);
        double[][] perParam = apply(dtype, GradientNormalization.RenormalizeL2PerParamType, 1.0, new double[] {1, 1},
                new double[] {0});
        double wantDivided = dtype == DType.FLOAT ? (float) (1.0f / norm) : 1.0 / norm;
        assertArrayEquals(new double[] {wantDivided, wantDivided}, perParam[0], 0.0);
    }

    /** In FLOAT the squares add up in float: 1e-27² underflows, the norm is 0 and 1e-5 divides instead (ND4J's). */
    @ParameterizedTest
    @EnumSource(DType.class)
    void aTinyGradientIsRenormalisedAsNd4jDoesInItsType(DType dtype) {
        double[][] got = apply(dtype, GradientNormalization.RenormalizeL2PerLayer, 1.0, new double[] {1e-27}, new double[] {0});
        double want = dtype == DType.FLOAT ? (float) (1.0 / 1e-5 * (float) 1e-27) : 1.0;
        assertArrayEquals(new double[] {want}, got[0], dtype == DType.FLOAT ? 1e-29 : 1e-15);
    }
}
