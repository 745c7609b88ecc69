package lockstep.selftest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import lockstep.linalg.DType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every planted bug is caught in each data type it applies to, at the expected step, quantity and parameter, in the
 * matrix engine and (the bugs outside its DenseLayer) in the autograd engine; the clean engine passes the same scenario.
 */
class PlantedBugsTest {

    static Stream<Arguments> runs() {
        return Stream.of(Selftest.Engine.values())
                .flatMap(engine -> Selftest.runs(engine).stream().map(bug -> Arguments.of(engine, bug)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("runs")
    void harnessCatchesAndLocatesThePlantedBug(Selftest.Engine engine, PlantedBug bug) {
        Selftest.Outcome o = Selftest.check(bug, engine);
        assertTrue(o.clean().passed(), () -> bug.dataType() + ": clean engine failed: " + o.clean().divergence().describe());
        assertFalse(o.faulty().passed(), () -> bug.dataType() + ": the planted bug went unnoticed");
        assertTrue(bug.locatedBy(o.faulty().divergence()),
                () -> bug.dataType() + ": expected " + bug.expectedLocation() + " but got " + o.faulty().divergence().describe());
    }

    /**
     * The autograd engine is planted with every bug but the eight in the matrix engine's layers: four in its DenseLayer
     * and the four of the convolutional family (autograd's Conv2d, pooling and BatchNorm are composed of its own ops);
     * the matrix engine with every bug but the two in the autograd's convolutional modules.
     */
    @Test
    void eachEngineGetsEveryBugOutsideTheOthersLayers() {
        assertEquals(PlantedBugs.all().size() - 8, PlantedBugs.all().stream().filter(Selftest.Engine.AUTOGRAD::reaches).count());
        assertEquals(PlantedBugs.all().size() - 2, PlantedBugs.all().stream().filter(Selftest.Engine.MATRIX::reaches).count());
        assertEquals(java.util.List.of("autograd Conv2d: Same padding before, not after",
                "autograd BatchNorm: running decay 0.99, not 0.9"),
                PlantedBugs.all().stream().filter(PlantedBug::inAutogradModule).map(PlantedBug::name).toList());
        assertEquals(6, PlantedBugs.all().stream().filter(b -> !b.scenario().network().isDenseOnly()).count());
        assertEquals(java.util.List.of("bias gradient not summed over the batch", "W used untransposed in the backward pass",
                "one gradient element off by 1e-6 relative", "dropout scaling kept activations by p, not 1/p",
                "convolution kernel applied flipped (a textbook convolution)", "Same padding put before instead of after",
                "batch-norm variance divided by N - 1", "one kernel-gradient element off by 1e-6 relative"),
                PlantedBugs.all().stream().filter(PlantedBug::inMatrixLayer).map(PlantedBug::name).toList());
    }

    /** At least 12 bugs, and every one that is not tied to one data type by design runs in both. */
    @Test
    void theCatalogueHasTwelveBugsMostInBothDataTypes() {
        assertTrue(PlantedBugs.all().size() >= 12, "planted bugs: " + PlantedBugs.all().size());
        long inBoth = PlantedBugs.all().stream().filter(b -> b.dataTypes().size() == DType.values().length).count();
        assertEquals(PlantedBugs.all().size() - 3, inBoth, "all but the two 1e-6 elements (DOUBLE) and the FLOAT-only error");
    }
}
