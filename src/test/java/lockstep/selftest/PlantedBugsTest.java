package lockstep.selftest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import lockstep.linalg.DType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every planted bug is caught in each data type it applies to, at the expected step, quantity and parameter; the clean
 * engine passes the same scenario.
 */
class PlantedBugsTest {

    static Stream<PlantedBug> runs() {
        return Selftest.runs().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runs")
    void harnessCatchesAndLocatesThePlantedBug(PlantedBug bug) {
        Selftest.Outcome o = Selftest.check(bug);
        assertTrue(o.clean().passed(), () -> bug.dataType() + ": clean engine failed: " + o.clean().divergence().describe());
        assertFalse(o.faulty().passed(), () -> bug.dataType() + ": the planted bug went unnoticed");
        assertTrue(bug.locatedBy(o.faulty().divergence()),
                () -> bug.dataType() + ": expected " + bug.expectedLocation() + " but got " + o.faulty().divergence().describe());
    }

    /** At least 12 bugs, and every one that is not tied to one data type by design runs in both. */
    @Test
    void theCatalogueHasTwelveBugsMostInBothDataTypes() {
        assertTrue(PlantedBugs.all().size() >= 12, "planted bugs: " + PlantedBugs.all().size());
        long inBoth = PlantedBugs.all().stream().filter(b -> b.dataTypes().size() == DType.values().length).count();
        assertEquals(PlantedBugs.all().size() - 2, inBoth, "all but the 1e-6 element (DOUBLE) and the FLOAT-only error");
    }
}
