package lockstep.selftest;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import lockstep.linalg.DType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every planted bug is caught, at the expected step, quantity and parameter; the clean engine passes the same scenario. */
class PlantedBugsTest {

    static Stream<PlantedBug> bugs() {
        return PlantedBugs.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bugs")
    void harnessCatchesAndLocatesThePlantedBug(PlantedBug bug) {
        Selftest.Outcome o = Selftest.check(bug);
        assertTrue(o.clean().passed(), () -> "clean engine failed: " + o.clean().divergence().describe());
        assertFalse(o.faulty().passed(), "the planted bug went unnoticed");
        assertTrue(bug.locatedBy(o.faulty().divergence()),
                () -> "expected " + bug.expectedLocation() + " but got " + o.faulty().divergence().describe());
    }

    /** The bugs a FLOAT run must catch too: all but the 1e-6 one, which lies below float's tolerance by design. */
    static Stream<PlantedBug> bugsVisibleInFloat() {
        return bugs().filter(b -> !b.name().contains("1e-6"));
    }

    @ParameterizedTest(name = "FLOAT: {0}")
    @MethodSource("bugsVisibleInFloat")
    void floatRunsCatchTheSameBugs(PlantedBug bug) {
        PlantedBug inFloat = new PlantedBug(bug.name(),
                bug.scenario().withTraining(bug.scenario().training().withDataType(DType.FLOAT)), bug.faultyEngine(),
                bug.expectedStep(), bug.expectedQuantity(), bug.expectedParameter(), bug.expectedElement());
        Selftest.Outcome o = Selftest.check(inFloat);
        assertTrue(o.caught(), () -> "FLOAT: expected " + bug.expectedLocation() + ", got "
                + (o.faulty().passed() ? "PASS" : o.faulty().divergence().describe())
                + (o.clean().passed() ? "" : "; clean failed: " + o.clean().divergence().describe()));
    }
}
