package lockstep.engine.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import lockstep.engine.Parameter;
import lockstep.linalg.DType;
import lockstep.linalg.Matrix;
import lockstep.spec.GradientNormalization;
import lockstep.spec.GradientNormalizationSpec;
import lockstep.spec.UpdaterSpec;
import lockstep.spec.UpdaterType;
import org.junit.jupiter.api.Test;

/**
 * One optimizer step of a two-layer network worked out by hand from DL4J's order (class javadoc of
 * {@link LayerwiseOptimizer}): normalise, regularise the gradient, update, add weight decay, subtract.
 * <pre>
 *   layer 0, SGD lr 0.1, ClipL2PerLayer 2.5, weights L2 0.5 and weight decay 0.2, bias L1 0.1:
 *     θW = [1, -2], θb = [0.5];  gW = [3, 4], gb = [2];  ||g|| = sqrt(29) &gt; 2.5: g *= s = 2.5/sqrt(29)
 *     gW += 0.5·θW -&gt; [3s + 0.5, 4s - 1];  gb += 0.1·sign(θb) -&gt; [2s + 0.1]
 *     uW = 0.1·gW + 0.2·0.1·θW;  ub = 0.1·gb;  θ -= u
 *   layer 1, AdaGrad lr 0.5 ε 1e-6, nothing else:
 *     θW = [2], gW = [0.5]: h = ε + 0.25, u = 0.5·0.5/(sqrt(h) + ε);  θb = [0], gb = [0]: h = ε, u = 0
 *   penalty before the step: 0.5·0.5·(1 + 4) + 0.2·0.5·(1 + 4) + 0.1·0.5 = 1.8
 * </pre>
 */
class LayerwiseOptimizerTest {
    private static final double EPS = 1e-6;

    private static Parameter param(String name, double[] value, double[] gradient) {
        Parameter p = new Parameter(lockstep.spec.ParameterKey.parse(name), Matrix.of(DType.DOUBLE, 1, value.length, value));
        p.gradient().copyFrom(Matrix.of(DType.DOUBLE, 1, gradient.length, gradient));
        return p;
    }

    private static List<Parameter> params() {
        return List.of(param("0_W", new double[] {1, -2}, new double[] {3, 4}), param("0_b", new double[] {0.5}, new double[] {2}),
                param("1_W", new double[] {2}, new double[] {0.5}), param("1_b", new double[] {0}, new double[] {0}));
    }

    private static LayerwiseOptimizer optimizer() {
        LayerwiseOptimizer.LayerPlan sgd = new LayerwiseOptimizer.LayerPlan(new UpdaterSpec(UpdaterType.SGD, 0.1), Rules::of,
                List.of(new Regularizer(Regularizer.Kind.L2, 0.5), new Regularizer(Regularizer.Kind.WEIGHT_DECAY, 0.2)),
                List.of(new Regularizer(Regularizer.Kind.L1, 0.1)),
                new GradientNormalizationSpec(GradientNormalization.ClipL2PerLayer, 2.5));
        UpdaterSpec adagrad = new UpdaterSpec(UpdaterType.ADAGRAD, 0.5, 0, 0, 0, EPS, 0);
        LayerwiseOptimizer.LayerPlan ada = new LayerwiseOptimizer.LayerPlan(adagrad, Rules::of, List.of(), List.of(),
                GradientNormalizationSpec.NONE);
        return new LayerwiseOptimizer(List.of(sgd, ada));
    }

    @Test
    void oneStepIsTheHandComputedOne() {
        List<Parameter> ps = params();
        LayerwiseOptimizer opt = optimizer();
        assertEquals(1.8, opt.penalty(ps), 1e-15, "penalty before the state exists");
        opt.initialiseState(ps);
        assertEquals(Map.of("1_W/grad", List.of(EPS), "1_b/grad", List.of(EPS)), lists(opt.state()), "AdaGrad starts at ε");
        assertEquals(1.8, opt.penalty(ps), 1e-15);
        opt.step(ps, 0, 0);
        double s = 2.5 / Math.sqrt(29);
        assertArrayEquals(new double[] {1 - 0.1 * (3 * s + 0.5) - 0.02, -2 - 0.1 * (4 * s - 1) + 0.04},
                ps.get(0).value().toDoubleArray(), 1e-15);
        assertArrayEquals(new double[] {0.5 - 0.1 * (2 * s + 0.1)}, ps.get(1).value().toDoubleArray(), 1e-15);
        assertArrayEquals(new double[] {2 - 0.25 / (Math.sqrt(EPS + 0.25) + EPS)}, ps.get(2).value().toDoubleArray(), 1e-15);
        assertArrayEquals(new double[] {0}, ps.get(3).value().toDoubleArray(), 0.0);
        assertArrayEquals(new double[] {3, 4}, ps.get(0).gradient().toDoubleArray(), 0.0, "the gradient is left as it was");
        assertEquals(Map.of("1_W/grad", List.of(EPS + 0.25), "1_b/grad", List.of(EPS)), lists(opt.state()));

        // the state carries over to the next step (h grows), and can be overwritten
        opt.step(ps, 1, 0);
        assertEquals(EPS + 0.5, opt.state().get("1_W/grad")[0], 1e-15);
        opt.setState(Map.of("1_W/grad", new double[] {4.0}, "1_b/grad", new double[] {1.0}));
        double before = ps.get(2).value().get(0);
        opt.step(ps, 2, 0);
        assertEquals(before - 0.25 / (Math.sqrt(4.25) + EPS), ps.get(2).value().get(0), 1e-15);
        assertEquals(1.0, opt.state().get("1_b/grad")[0]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> opt.setState(Map.of("1_W/grad", new double[2], "1_b/grad", new double[1])));
        assertEquals("no state of the right size for 1_W/grad", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> opt.setState(Map.of("1_b/grad", new double[1])));
    }

    @Test
    void initialisingAgainMovesTheOptimizerToTheNewParameters() {
        List<Parameter> first = params();
        List<Parameter> second = params();
        LayerwiseOptimizer opt = optimizer();
        opt.initialiseState(first);
        opt.initialiseState(second);
        opt.step(second, 0, 0);
        assertArrayEquals(new double[] {1, -2}, first.get(0).value().toDoubleArray(), 0.0, "the old parameters stay");
        double s = 2.5 / Math.sqrt(29);
        assertArrayEquals(new double[] {1 - 0.1 * (3 * s + 0.5) - 0.02, -2 - 0.1 * (4 * s - 1) + 0.04},
                second.get(0).value().toDoubleArray(), 1e-15, "the new ones clipped, regularised and updated");
        assertEquals(2 - 0.25 / (Math.sqrt(EPS + 0.25) + EPS), second.get(2).value().get(0), 1e-15);
    }

    @Test
    void everyRuleReportsItsLearningRate() {
        for (UpdaterType type : UpdaterType.values()) {
            UpdateRule rule = Rules.of(new UpdaterSpec(type, 0.25));
            assertEquals(type.hasLearningRate() ? 0.25 : 1.0, rule.learningRate(), type.toString());
        }
    }

    /**
     * Adam's first step from zero moments, in closed form: m = (1-β1)g, v = (1-β2)g², α = lr·sqrt(1-β2)/(1-β1), so
     * u = lr·sqrt(1-β2)·g / (sqrt(1-β2)|g| + ε), about lr·sign(g); at lr = 0 ND4J puts ε in α's place.
     */
    @Test
    void adamsFirstStepIsTheClosedForm() {
        double b1 = 0.9, b2 = 0.999, eps = 1e-8;
        for (double lr : new double[] {0.01, 0.0}) {
            UpdateRule adam = Rules.of(new UpdaterSpec(UpdaterType.ADAM, lr, 0, b1, b2, eps, 0));
            Matrix g = Matrix.of(DType.DOUBLE, 1, 3, new double[] {0.5, -2.0, 1e-3});
            Matrix[] state = {Matrix.zeros(DType.DOUBLE, 1, 3), Matrix.zeros(DType.DOUBLE, 1, 3)};
            Matrix u = Matrix.zeros(DType.DOUBLE, 1, 3);
            adam.apply(g, u, state, 0);
            double alpha = lr == 0.0 ? eps : lr * Math.sqrt(1 - b2) / (1 - b1);
            for (int i = 0; i < 3; i++) {
                double gi = g.get(i);
                double want = alpha * (1 - b1) * gi / (Math.sqrt((1 - b2) * gi * gi) + eps);
                assertEquals(want, u.get(i), 1e-15 * Math.max(1, Math.abs(want)) + 1e-20, "lr " + lr + ", g " + gi);
            }
        }
        assertEquals(1e-8, Rules.of(new UpdaterSpec(UpdaterType.RMSPROP, 0.1, 0, 0, 0, 1e-8, 0.95)).initialState());
        assertEquals(0.0, Rules.of(new UpdaterSpec(UpdaterType.ADAM, 0.1)).initialState());
    }

    private static Map<String, List<Double>> lists(Map<String, double[]> state) {
        java.util.Map<String, List<Double>> out = new java.util.HashMap<>();
        state.forEach((k, v) -> out.put(k, java.util.Arrays.stream(v).boxed().toList()));
        return out;
    }
}
