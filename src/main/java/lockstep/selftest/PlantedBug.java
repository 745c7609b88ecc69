package lockstep.selftest;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import lockstep.comparison.Divergence;
import lockstep.comparison.Quantity;
import lockstep.engine.EngineComponents;
import lockstep.linalg.DType;
import lockstep.spec.RunSpec;

/**
 * A known bug planted into the engine through a faulty component, the run that exposes it, and
 * where the harness must report it: the global step, the quantity, the parameter (null for loss
 * and batch) and, when it is known in advance, the flat element index (-1 when any element will do).
 */
public record PlantedBug(String name, RunSpec scenario, EngineComponents faultyEngine, int expectedStep,
                         Quantity expectedQuantity, String expectedParameter, int expectedElement,
                         Set<DType> dataTypes) {

    /** The scenario runs in the first data type the bug applies to (DOUBLE before FLOAT) unless it already runs in one. */
    public PlantedBug {
        dataTypes = Collections.unmodifiableSet(EnumSet.copyOf(dataTypes));
        if (!dataTypes.contains(scenario.training().dataType())) {
            scenario = scenario.withTraining(scenario.training().withDataType(dataTypes.iterator().next()));
        }
    }

    /** A bug that shows, and must be caught, in both data types. */
    public PlantedBug(String name, RunSpec scenario, EngineComponents faultyEngine, int expectedStep,
                      Quantity expectedQuantity, String expectedParameter, int expectedElement) {
        this(name, scenario, faultyEngine, expectedStep, expectedQuantity, expectedParameter, expectedElement,
                EnumSet.allOf(DType.class));
    }

    /** The same bug with its scenario run in {@code dtype}. */
    public PlantedBug in(DType dtype) {
        return new PlantedBug(name, scenario.withTraining(scenario.training().withDataType(dtype)), faultyEngine, expectedStep,
                expectedQuantity, expectedParameter, expectedElement, dataTypes);
    }

    /**
     * True when the bug lives in one of the matrix engine's layers (its faulty components replace
     * {@link EngineComponents#denseLayer}, {@code convolutionLayer}, {@code subsamplingLayer} or {@code batchNormLayer}),
     * which the autograd engine does not use: its modules (Linear, Conv2d, MaxPool2d, AvgPool2d, BatchNorm) are composed
     * of ops of their own.
     */
    public boolean inMatrixLayer() {
        return replaces("denseLayer", "convolutionLayer", "subsamplingLayer", "batchNormLayer");
    }

    /**
     * True when the bug lives in one of the autograd engine's convolutional modules (its faulty components replace
     * {@link EngineComponents#conv2d}, {@code pool2d} or {@code batchNorm}), which the matrix engine does not use.
     */
    public boolean inAutogradModule() {
        return replaces("conv2d", "pool2d", "batchNorm");
    }

    private boolean replaces(String... components) {
        java.util.Set<String> names = java.util.Set.of(components);
        return java.util.Arrays.stream(faultyEngine.getClass().getDeclaredMethods()).anyMatch(m -> names.contains(m.getName()));
    }

    /** The data type its scenario runs in. */
    public DType dataType() {
        return scenario.training().dataType();
    }

    /** True when the divergence names the expected step, quantity, parameter (and element, if given). */
    public boolean locatedBy(Divergence d) {
        return d != null
                && d.globalStep() == expectedStep
                && d.quantity() == expectedQuantity
                && java.util.Objects.equals(d.parameter(), expectedParameter)
                && (expectedElement < 0 || d.index() == expectedElement);
    }

    /** E.g. "step 1, gradient 1_W" or "step 1, batch". */
    public String expectedLocation() {
        return "step " + expectedStep + ", " + expectedQuantity.label()
                + (expectedParameter == null ? "" : " " + expectedParameter)
                + (expectedElement < 0 ? "" : " element " + expectedElement);
    }
}
