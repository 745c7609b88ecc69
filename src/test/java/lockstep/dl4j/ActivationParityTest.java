package lockstep.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import lockstep.engine.EngineComponents;
import lockstep.engine.activations.Activation;
import lockstep.harness.LockstepResult;
import lockstep.harness.LockstepRun;
import lockstep.linalg.DType;
import lockstep.linalg.Matrix;
import lockstep.report.ParityReport;
import lockstep.spec.ActivationType;
import lockstep.spec.LayerSpec;
import lockstep.spec.LossType;
import lockstep.spec.NetworkSpec;
import lockstep.spec.RunSpec;
import lockstep.spec.UpdaterSpec;
import lockstep.spec.UpdaterType;
import lockstep.spec.WeightInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Every engine activation against DL4J's own: forward and derivative on a grid over [-10, 10]
 * (steps of 0.005, hitting 0, ±1, ±2.5 and 6 exactly), then a lockstep run with the activation in
 * the hidden layers, in DOUBLE and FLOAT.
 */
class ActivationParityTest {
    private static final double[] GRID = grid();

    private static double[] grid() {
        double[] z = new double[4001];
        for (int i = 0; i < z.length; i++) {
            z[i] = (i - 2000) / 200.0;
        }
        return z;
    }

    static Stream<ActivationType> elementwise() {
        return Arrays.stream(ActivationType.values()).filter(t -> t != ActivationType.SOFTMAX);
    }

    /** Worst relative difference (floor 1e-3) of forward values and of derivatives, engine vs DL4J, in DOUBLE. */
    static double worstDifference(Activation engine, IActivation dl4j) {
        return worstDifference(engine, dl4j, DType.DOUBLE);
    }

    /** The same in the given type (FLOAT: both sides compute in float arithmetic). */
    static double worstDifference(Activation engine, IActivation dl4j, DType dtype) {
        int n = GRID.length;
        DataType type = Dl4jNetworks.dataType(dtype);
        double[] forward = dl4j.getActivation(Nd4j.createFromArray(GRID).reshape(1, n).castTo(type).dup(), true)
                .castTo(DataType.DOUBLE).toDoubleVector();
        double[] derivative = dl4j.backprop(Nd4j.createFromArray(GRID).reshape(1, n).castTo(type).dup(), Nd4j.ones(type, 1, n))
                .getFirst().castTo(DataType.DOUBLE).toDoubleVector();
        Matrix z = Matrix.of(dtype, 1, n, GRID);
        Matrix a = z.like(1, n);
        Matrix ones = z.like(1, n);
        Matrix dz = z.like(1, n);
        ones.fill(1.0);
        engine.forward(z, a);
        engine.backward(z, a, ones, dz);
        double worst = 0;
        for (int i = 0; i < n; i++) {
            worst = Math.max(worst, Math.abs(a.get(i) - forward[i]) / Math.max(1e-3, Math.abs(forward[i])));
            worst = Math.max(worst, Math.abs(dz.get(i) - derivative[i]) / Math.max(1e-3, Math.abs(derivative[i])));
        }
        return worst;
    }

    /** Pre-activations far out on both sides, where ND4J's e^x formulas overflow (float: past 88.7; double: past 709). */
    static final double[] EXTREMES = {-800, -400, -100, -60, 45, 60, 89, 100, 180, 210, 300, 356, 400, 710, 800};

    /**
     * Where DL4J's forward value or derivative overflows to NaN or infinity (swish', gelu', softplus' and mish' divide
     * e^x by a power of e^x + 1, which is inf/inf past the overflow), the engine's does too, in both data types:
     * otherwise a run that saturates a unit diverges on one side only and is reported as a disagreement.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("activationAndType")
    void valuesAndDerivativesOverflowWhereDl4jsDo(ActivationType type, DType dtype) {
        int n = EXTREMES.length;
        IActivation dl4j = org.nd4j.linalg.activations.Activation.valueOf(type.name()).getActivationFunction();
        DataType t = Dl4jNetworks.dataType(dtype);
        double[] forward = dl4j.getActivation(Nd4j.createFromArray(EXTREMES).reshape(1, n).castTo(t).dup(), true)
                .castTo(DataType.DOUBLE).toDoubleVector();
        double[] derivative = dl4j.backprop(Nd4j.createFromArray(EXTREMES).reshape(1, n).castTo(t).dup(), Nd4j.ones(t, 1, n))
                .getFirst().castTo(DataType.DOUBLE).toDoubleVector();
        Activation engine = new EngineComponents().activation(type);
        Matrix z = Matrix.of(dtype, 1, n, EXTREMES);
        Matrix a = z.like(1, n);
        Matrix ones = z.like(1, n);
        Matrix dz = z.like(1, n);
        ones.fill(1.0);
        engine.forward(z, a);
        engine.backward(z, a, ones, dz);
        for (int i = 0; i < n; i++) {
            assertEquals(kind(forward[i]), kind(a.get(i)), type + " " + dtype + " f(" + EXTREMES[i] + "): dl4j " + forward[i] + ", engine " + a.get(i));
            assertEquals(kind(derivative[i]), kind(dz.get(i)),
                    type + " " + dtype + " f'(" + EXTREMES[i] + "): dl4j " + derivative[i] + ", engine " + dz.get(i));
        }
    }

    /** Pre-activations near 0, where ND4J's tanh (from a power of e) is 0 below about 1e-17 and 2e-5 off at 1e-12. */
    static final double[] TINY = {-2.65e-309, -1e-300, -1e-20, 1e-20, 1e-17, 1e-16, 1e-12, 1e-8, -40, -60};

    /**
     * At tiny pre-activations the engine's value matches DL4J's to the bit's neighbourhood (relative 1e-12, and exact
     * zeros where DL4J's are): ND4J's tanh of 1e-20 is 0, so rectified tanh is 0 there and mish(-40) is 0, where
     * Math.tanh gives 1e-20 and -1.7e-16. Found by a fresh random network: a subnormal output on the engine's side only,
     * which MAE's sign turned into a full-size gradient.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("elementwise")
    void tinyPreActivationsGiveDl4jsValues(ActivationType type) {
        int n = TINY.length;
        IActivation dl4j = org.nd4j.linalg.activations.Activation.valueOf(type.name()).getActivationFunction();
        double[] forward = dl4j.getActivation(Nd4j.createFromArray(TINY).reshape(1, n).dup(), true).toDoubleVector();
        Activation engine = new EngineComponents().activation(type);
        Matrix z = Matrix.of(DType.DOUBLE, 1, n, TINY);
        Matrix a = z.like(1, n);
        engine.forward(z, a);
        for (int i = 0; i < n; i++) {
            double e = a.get(i);
            double d = forward[i];
            assertEquals(d == 0.0, e == 0.0, type + " f(" + TINY[i] + "): dl4j " + d + ", engine " + e);
            assertTrue(Math.abs(e - d) <= 1e-12 * Math.abs(d), type + " f(" + TINY[i] + "): dl4j " + d + ", engine " + e);
        }
    }

    /** "NaN", "Infinity", "-Infinity" or "finite". */
    private static String kind(double v) {
        return Double.isFinite(v) ? "finite" : Double.toString(v);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("elementwise")
    void forwardAndDerivativeMatchDl4jOnAGrid(ActivationType type) {
        double worst = worstDifference(new EngineComponents().activation(type),
                org.nd4j.linalg.activations.Activation.valueOf(type.name()).getActivationFunction());
        assertTrue(worst < 1e-12, () -> type + ": worst relative difference " + worst);
    }

    /**
     * In FLOAT the engine follows ND4J's float arithmetic (1 + e^-z rounded to float, e as a float in
     * tanh, e^x(x + e^x + 1)/(e^x + 1)² for swish' and gelu'); without that, 1 - σ(z) near saturation
     * differed by up to 6e-5 and mish by 7e-4. Worst now: gelu' 1e-5 where it crosses zero.
     */
    @ParameterizedTest(name = "FLOAT {0}")
    @MethodSource("elementwise")
    void forwardAndDerivativeMatchDl4jInFloatArithmetic(ActivationType type) {
        double worst = worstDifference(new EngineComponents().activation(type),
                org.nd4j.linalg.activations.Activation.valueOf(type.name()).getActivationFunction(), DType.FLOAT);
        assertTrue(worst < 3e-5, () -> type + ": worst relative difference in FLOAT " + worst);
    }

    @Test
    void aWrongActivationIsReportedAsDifferent() {
        double worst = worstDifference(new EngineComponents().activation(ActivationType.HARDTANH),
                org.nd4j.linalg.activations.Activation.HARDSIGMOID.getActivationFunction());
        assertTrue(worst > 0.1, "HARDTANH vs DL4J's HARDSIGMOID should differ, worst " + worst);
    }

    static Stream<Arguments> activationAndType() {
        return elementwise().flatMap(t -> Stream.of(Arguments.of(t, DType.DOUBLE), Arguments.of(t, DType.FLOAT)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("activationAndType")
    void lockstepTrainingAgreesWithTheActivationInHiddenLayers(ActivationType type, DType dtype) {
        NetworkSpec net = new NetworkSpec(List.of(
                new LayerSpec(4, 8, type),
                // x³ of x³ of raw Iris features overflows to NaN on both sides (and NaN never passes): one cube layer
                new LayerSpec(8, 6, type == ActivationType.CUBE ? ActivationType.IDENTITY : type, WeightInit.RELU),
                new LayerSpec(6, 3, ActivationType.SOFTMAX)),
                LossType.MCXENT, WeightInit.XAVIER_UNIFORM,
                new UpdaterSpec(UpdaterType.SGD, type == ActivationType.CUBE ? 1e-4 : 0.02));
        RunSpec spec = RunSpec.irisDefault().withNetwork(net)
                .withTraining(RunSpec.irisDefault().training().withDataType(dtype).withEpochs(3));
        LockstepResult r = LockstepRun.of(spec).run(e -> { });
        assertTrue(r.passed(), () -> ParityReport.verdictLine(r));
    }
}
