package lockstep.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lockstep.spec.ActivationType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Per-layer statistics of an 8-layer network at initialisation, engine and DL4J: what Xavier, He and N(0,1) do. */
class InitDemoTest {
    private static InitDemo.Result result;
    private static final int LAST_HIDDEN = InitDemo.LAYERS - 2;

    @BeforeAll
    static void run() {
        result = InitDemo.run(256, 48);   // seed 48: the N(0,1) relu draw gives one example whose logits all lie below -745
    }

    private static InitDemo.Case get(ActivationType a, InitDemo.Scheme s) {
        return result.get(a, s);
    }

    @Test
    void bothSidesComputeTheSameActivationsAndGradients() {
        assertTrue(result.passed());
        assertEquals(6, result.cases().size());
        for (InitDemo.Case c : result.cases()) {
            assertTrue(c.worstError() < 1e-8, c.activation() + " " + c.scheme() + ": " + c.worstError());
            for (InitDemo.Layer l : c.layers()) {
                if (c.softmaxUnderflows() == 0) {
                    assertEquals(l.activations().std()[0], l.activations().std()[1], 1e-12 * Math.max(1, l.activations().std()[0]));
                    assertEquals(l.gradients().std()[0], l.gradients().std()[1], 1e-12 * Math.max(1, l.gradients().std()[0]));
                }
            }
        }
    }

    @Test
    void theWeightsHaveTheirSchemesScale() {
        double[] expected = {Math.sqrt(2.0 / 128), Math.sqrt(2.0 / 64), 1.0};
        for (InitDemo.Scheme s : InitDemo.Scheme.values()) {
            double std = get(ActivationType.TANH, s).layers().get(3).weights().std()[0];   // a 64x64 layer
            assertEquals(expected[s.ordinal()], std, 0.05 * expected[s.ordinal()], s.label());
        }
    }

    @Test
    void tanhWithXavierKeepsTheSignalAndN01SaturatesIt() {
        InitDemo.Case xavier = get(ActivationType.TANH, InitDemo.Scheme.XAVIER);
        assertTrue(xavier.activationStd(LAST_HIDDEN) > 0.3 * xavier.activationStd(0), "shrinks, slowly");
        assertTrue(xavier.layers().get(LAST_HIDDEN).extreme() < 0.05, "hardly saturated");
        double ratio = xavier.gradientStd(0) / xavier.gradientStd(LAST_HIDDEN);
        assertTrue(ratio > 0.5 && ratio < 2, "gradients of the same size at every layer: " + ratio);
        InitDemo.Case large = get(ActivationType.TANH, InitDemo.Scheme.LARGE);
        for (int l = 0; l <= LAST_HIDDEN; l++) {
            assertTrue(large.layers().get(l).extreme() > 0.5, "layer " + l + " saturated: " + large.layers().get(l).extreme());
        }
        assertTrue(large.gradientStd(0) > 10 * large.gradientStd(LAST_HIDDEN), "the gradients grow towards the input");
    }

    @Test
    void reluNeedsHe() {
        InitDemo.Case he = get(ActivationType.RELU, InitDemo.Scheme.HE);
        double heRatio = he.activationStd(LAST_HIDDEN) / he.activationStd(0);
        assertTrue(heRatio > 0.5 && heRatio < 2, "He keeps the scale: " + heRatio);
        InitDemo.Case xavier = get(ActivationType.RELU, InitDemo.Scheme.XAVIER);
        assertTrue(xavier.activationStd(LAST_HIDDEN) / xavier.activationStd(0) < 0.25, "Xavier lets it shrink");
        InitDemo.Case large = get(ActivationType.RELU, InitDemo.Scheme.LARGE);
        assertTrue(large.activationStd(LAST_HIDDEN) / large.activationStd(0) > 1e4, "N(0,1) lets it explode");
        assertEquals(0.5, he.layers().get(0).extreme(), 0.05, "relu zeroes about half the units");
    }

    @Test
    void dl4jsSoftmaxUnderflowIsNamedNotHidden() {
        assertEquals(1, get(ActivationType.RELU, InitDemo.Scheme.LARGE).softmaxUnderflows(),
                "one example's logits are all below -745: DL4J's batched softmax gives NaN for it");
        assertTrue(Double.isNaN(get(ActivationType.RELU, InitDemo.Scheme.LARGE).layers().get(0).gradients().std()[1]));
        for (InitDemo.Case c : result.cases()) {
            if (c.scheme() != InitDemo.Scheme.LARGE || c.activation() != ActivationType.RELU) {
                assertEquals(0, c.softmaxUnderflows());
            }
        }
    }
}
