package lockstep.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import lockstep.data.Datasets;
import lockstep.spec.RunSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Equal initial weights keep every hidden unit identical on both sides; random ones break the symmetry. */
class SymmetryDemoTest {
    private static SymmetryDemo.Result result;

    @BeforeAll
    static void run() {
        result = SymmetryDemo.run(SymmetryDemo.defaultSpec(3), Datasets.iris());
    }

    private static SymmetryDemo.Run start(SymmetryDemo.Start s) {
        return result.runs().get(s.ordinal());
    }

    @Test
    void equalStartsStayExactlySymmetricOnBothSidesAtEveryStep() {
        assertEquals(30, result.steps());
        for (SymmetryDemo.Start s : new SymmetryDemo.Start[] {SymmetryDemo.Start.ZERO, SymmetryDemo.Start.CONSTANT}) {
            for (String side : SymmetryDemo.SIDES) {
                assertEquals(31, start(s).asymmetry().get(side).length, "before training and after each of 30 steps");
                assertEquals(0.0, start(s).maxAsymmetry(side), s + " " + side + ": exactly, not to a tolerance");
            }
        }
        assertTrue(result.passed());
    }

    @Test
    void allZeroWeightsNeverMoveAllEqualOnesDo() {
        for (String side : SymmetryDemo.SIDES) {
            for (double m : start(SymmetryDemo.Start.ZERO).moved().get(side)) {
                assertEquals(0.0, m, "no gradient reaches a weight of an all-zero tanh network");
            }
            for (double m : start(SymmetryDemo.Start.CONSTANT).moved().get(side)) {
                assertTrue(m > 1e-4, side + ": the equal weights do train, in lockstep with each other: " + m);
            }
        }
        assertEquals(Math.log(3), start(SymmetryDemo.Start.ZERO).finalLoss().get("engine"), 0.01,
                "only the output bias learns: about uniform predictions");
    }

    @Test
    void aRandomStartIsNeverSymmetricAndBothSidesAgree() {
        SymmetryDemo.Run random = start(SymmetryDemo.Start.RANDOM);
        for (String side : SymmetryDemo.SIDES) {
            assertTrue(random.minAsymmetry(side) > 0.5, side + ": " + random.minAsymmetry(side));
        }
        for (SymmetryDemo.Run r : result.runs()) {
            assertTrue(r.sidesDiffer() < 1e-10, r.start() + ": " + r.sidesDiffer());
        }
    }

    /** The twin: the measure sees a difference of one ulp in one weight of one unit. */
    @Test
    void theAsymmetryMeasureSeesAnyDifference() {
        RunSpec spec = SymmetryDemo.defaultSpec(1);
        Map<String, double[]> shapes = new LinkedHashMap<>();
        int[][] dims = {{4, 8}, {8}, {8, 8}, {8}, {8, 3}, {3}};
        String[] keys = {"0_W", "0_b", "1_W", "1_b", "2_W", "2_b"};
        for (int i = 0; i < keys.length; i++) {
            shapes.put(keys[i], new double[dims[i].length == 1 ? dims[i][0] : dims[i][0] * dims[i][1]]);
        }
        Map<String, double[]> equal = SymmetryDemo.initial(shapes, SymmetryDemo.Start.CONSTANT);
        assertEquals(0.0, SymmetryDemo.asymmetry(equal, spec.network())[1]);
        equal.get("2_W")[5 * 3 + 1] = Math.nextUp(SymmetryDemo.CONSTANT);   // unit 5 of layer 1, outgoing weight to output 1
        double[] a = SymmetryDemo.asymmetry(equal, spec.network());
        assertEquals(0.0, a[0]);
        assertEquals(Math.ulp(SymmetryDemo.CONSTANT), a[1], 0.0);
    }
}
