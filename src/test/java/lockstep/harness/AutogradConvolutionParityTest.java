package lockstep.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import lockstep.comparison.Divergence;
import lockstep.comparison.Quantity;
import lockstep.comparison.TolerancePolicy;
import lockstep.engine.EngineComponents;
import lockstep.engine.Parameter;
import lockstep.engine.autograd.AvgPool2d;
import lockstep.engine.autograd.BatchNorm;
import lockstep.engine.autograd.Conv2d;
import lockstep.engine.autograd.Module;
import lockstep.engine.autograd.Sequential;
import lockstep.linalg.ConvShape;
import lockstep.linalg.DType;
import lockstep.report.ParityReport;
import lockstep.spec.ActivationType;
import lockstep.spec.DataSpec;
import lockstep.spec.InputShape;
import lockstep.spec.LayerSpec;
import lockstep.spec.LossType;
import lockstep.spec.NetworkSpec;
import lockstep.spec.RunSpec;
import lockstep.spec.TrainingSpec;
import lockstep.spec.UpdaterSpec;
import lockstep.spec.UpdaterType;
import lockstep.spec.WeightInit;
import lockstep.spec.WindowSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The autograd engine's five-line step on convolutional networks, in lockstep with DL4J from the seed alone, in DOUBLE
 * and FLOAT: conv + batch norm + max pooling, Same convolution + Same average pooling (padding out of the divisor), and
 * batch normalisation after a dense layer. Each has a twin with a bug planted in an autograd module, caught at step 1
 * at the right parameter.
 */
class AutogradConvolutionParityTest {

    /** conv 2x2 Same (padding after) to 4, tanh; average pooling 3x3 stride 2 Same over 6x6 (padding 1 after); softmax 3. */
    static RunSpec sameConvolutionAndAveragePooling(DType dtype) {
        NetworkSpec net = new NetworkSpec(List.of(
                LayerSpec.convolution(1, 4, ActivationType.TANH, new WindowSpec(2, 2, 1, 1, 0, 0, WindowSpec.Mode.SAME, null)),
                LayerSpec.subsampling(4, new WindowSpec(3, 3, 2, 2, 0, 0, WindowSpec.Mode.SAME, WindowSpec.Pooling.AVG)),
                new LayerSpec(36, 3, ActivationType.SOFTMAX)),
                LossType.MCXENT, WeightInit.XAVIER, new UpdaterSpec(UpdaterType.ADAM, 0.01)).withInput(new InputShape(6, 6, 1));
        return new RunSpec(DataSpec.csv("images.csv", 36, 3), net, new TrainingSpec(16, 2, 7, dtype));
    }

    /** 36-10(relu), batch normalisation, softmax 3 on the flattened images. */
    static RunSpec batchNormAfterDense(DType dtype) {
        NetworkSpec net = new NetworkSpec(List.of(
                new LayerSpec(36, 10, ActivationType.RELU),
                LayerSpec.batchNormalization(10),
                new LayerSpec(10, 3, ActivationType.SOFTMAX)),
                LossType.MCXENT, WeightInit.XAVIER, new UpdaterSpec(UpdaterType.NESTEROVS, 0.05));
        return new RunSpec(DataSpec.csv("images.csv", 36, 3), net, new TrainingSpec(16, 2, 9, dtype));
    }

    static Stream<Arguments> specs() {
        return Stream.of(DType.DOUBLE, DType.FLOAT).flatMap(t -> Stream.of(
                Arguments.of("conv, batch norm, max pooling " + t, ConvolutionalCompareTest.spec(t)),
                Arguments.of("Same conv, Same average pooling " + t, sameConvolutionAndAveragePooling(t)),
                Arguments.of("batch norm after dense " + t, batchNormAfterDense(t))));
    }

    private static LockstepResult lockstep(RunSpec spec, EngineFactory engine) {
        return new LockstepRun(spec, ConvolutionalCompareTest.images(), new EngineComponents(),
                TolerancePolicy.defaultFor(spec.training().dataType())).withEngine(engine).run(e -> { });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void theFiveLineStepAgreesWithDl4jStepByStep(String name, RunSpec spec) {
        LockstepResult r = lockstep(spec, AutogradTrainer.FACTORY);
        assertTrue(r.passed(), () -> ParityReport.verdictLine(r));
        assertEquals(spec.training().epochs() * 6, r.steps(), "ceil(90/16) steps per epoch");
    }

    /** The autograd engine with {@code twist} applied to each of its modules. */
    private static EngineFactory planted(UnaryOperator<Module> twist) {
        return (net, dtype, seed, c) -> {
            Sequential model = Sequential.from(net, dtype, seed, c);
            return AutogradTrainer.of(new Sequential(model.modules().stream().map(twist).toList()), net, c);
        };
    }

    private static Divergence caught(RunSpec spec, UnaryOperator<Module> twist) {
        LockstepResult r = lockstep(spec, planted(twist));
        assertNotNull(r.divergence(), "the planted bug passed");
        assertEquals(1, r.divergence().globalStep(), r.divergence().describe());
        return r.divergence();
    }

    @Test
    void aConv2dWithSamesPaddingBeforeInsteadOfAfterIsCaught() {
        Divergence d = caught(sameConvolutionAndAveragePooling(DType.DOUBLE), m -> {
            if (!(m instanceof Conv2d conv)) {
                return m;
            }
            ConvShape g = conv.shape();
            ConvShape before = new ConvShape(g.channels(), g.height(), g.width(), g.kernelH(), g.kernelW(), g.strideH(),
                    g.strideW(), g.padTop() + 1, g.padLeft() + 1, g.outH(), g.outW());
            List<Parameter> p = conv.parameters();
            return new Conv2d(p.get(1), p.get(0), before, new lockstep.linalg.NaiveMatMul());
        });
        assertEquals(Quantity.LOSS, d.quantity(), d.describe());
    }

    @Test
    void anAveragePoolingThatCountsThePaddingIsCaught() {
        Divergence d = caught(sameConvolutionAndAveragePooling(DType.DOUBLE),
                m -> m instanceof AvgPool2d pool ? new AvgPool2d(pool.shape(), true) : m);
        assertEquals(Quantity.LOSS, d.quantity(), d.describe());
    }

    @Test
    void aBatchNormWithAnotherEpsilonIsCaught() {
        Divergence d = caught(batchNormAfterDense(DType.DOUBLE), m -> {
            if (!(m instanceof BatchNorm bn)) {
                return m;
            }
            List<Parameter> p = bn.parameters();
            return new BatchNorm(p.get(0), p.get(1), p.get(2), p.get(3), 1, 0.9, 1e-3);
        });
        assertEquals(Quantity.LOSS, d.quantity(), d.describe());
    }
}
