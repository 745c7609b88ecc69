package lockstep.engine.optim;

import java.util.List;
import lockstep.linalg.DType;
import lockstep.linalg.ElementOps;
import lockstep.linalg.Matrix;
import lockstep.spec.GradientNormalizationSpec;

/** DL4J's gradient normalisation of one layer's gradients (BaseMultiLayerUpdater.preApply). */
public final class GradientNormalizer {
    private GradientNormalizer() {
    }

    /** Normalises the layer's gradients in place (W and b together, in DL4J's order). Modifies every g. */
    public static void apply(GradientNormalizationSpec spec, List<Matrix> layerGradients) {
        double threshold = spec.threshold();
        switch (spec.type()) {
            case None -> { }
            case RenormalizeL2PerLayer -> scale(layerGradients, 1.0 / nonZero(norm2(layerGradients)));
            case RenormalizeL2PerParamType -> {
                for (int m = 0; m < layerGradients.size(); m++) {
                    divide(layerGradients.get(m), nonZero(norm2(layerGradients.get(m))));
                }
            }
            case ClipElementWiseAbsoluteValue -> {
                for (int m = 0; m < layerGradients.size(); m++) {
                    clip(layerGradients.get(m), threshold);
                }
            }
            case ClipL2PerLayer -> {
                double l2 = norm2(layerGradients);
                if (l2 > threshold) {
                    scale(layerGradients, threshold / l2);
                }
            }
            case ClipL2PerParamType -> {
                for (int m = 0; m < layerGradients.size(); m++) {
                    Matrix g = layerGradients.get(m);
                    double l2 = norm2(g);
                    if (l2 > threshold) {
                        divide(g, l2 / threshold);
                    }
                }
            }
        }
    }

    /**
     * ||g||₂ over all the matrices, accumulated in their own type as ND4J does: in FLOAT the squares
     * of tiny elements underflow to 0 (a gradient of 1e-27 has norm 0, then 1e-5), which decides
     * whether a near-zero gradient is renormalised to unit size or left near zero.
     */
    static double norm2(List<Matrix> gradients) {
        double sum = ElementOps.sumOfSquares(gradients);     // one running sum over W then b, as over DL4J's view
        return !gradients.isEmpty() && gradients.get(0).dtype() == DType.FLOAT ? (float) Math.sqrt(sum) : Math.sqrt(sum);
    }

    /** ||g||₂ of one matrix, in its own type. */
    static double norm2(Matrix g) {
        double sum = ElementOps.sumOfSquares(g, 0.0);
        return g.dtype() == DType.FLOAT ? (float) Math.sqrt(sum) : Math.sqrt(sum);
    }

    /** 1e-5 instead of 0, as DL4J avoids 0/0. */
    private static double nonZero(double l2) {
        return l2 == 0.0 ? 1e-5 : l2;
    }

    private static void scale(List<Matrix> gradients, double factor) {
        for (int m = 0; m < gradients.size(); m++) {
            ElementOps.scale(factor, gradients.get(m), gradients.get(m));
        }
    }

    private static void divide(Matrix g, double divisor) {
        ElementOps.divide(g, divisor);
    }

    private static void clip(Matrix g, double threshold) {
        ElementOps.clip(g, threshold);
    }
}
