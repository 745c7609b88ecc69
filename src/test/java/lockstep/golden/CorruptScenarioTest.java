package lockstep.golden;

import lockstep.io.Npy;
import lockstep.io.NpyArray;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scenario folder that cannot be trusted is an ERROR with one line naming the file and the
 * problem, never a pass: a changed array, a missing one, an unlisted one, an array of the wrong
 * shape, an unknown format version, a malformed manifest. An edit whose checksum was fixed up is a
 * FAIL that names the step, the parameter and the element.
 */
class CorruptScenarioTest {
    @TempDir
    static Path dir;
    static Path original;
    private static int copies;

    @BeforeAll
    static void record() {
        original = GoldenFixtures.record(dir, "clean", GoldenFixtures.spec(GoldenScenarioTest.ADAM.formatted("DOUBLE")), 1);
    }

    private static Path copy() {
        return GoldenFixtures.copy(original, dir.resolve("copy-" + copies++));
    }

    @Test
    void theUntouchedScenarioPasses() {
        assertEquals(ScenarioResult.Status.PASS, ReferenceData.verify(copy(), false).status());
    }

    @Test
    void anEditedNumberIsAChecksumError() {
        Path s = copy();
        GoldenFixtures.scaleElement(s, "steps/gradient/1_W.npy", 2 * 24 + 1, 1.001);
        assertError(s, s.resolve("steps/gradient/1_W.npy") + ": checksum mismatch: SHA-256 is ");
    }

    @Test
    void anEditedNumberWithItsChecksumFixedIsADivergenceAtThatStepParameterAndElement() {
        Path s = copy();
        GoldenFixtures.scaleElement(s, "steps/gradient/1_W.npy", 2 * 24 + 1, 1.001);   // step 3, 1_W [0,1] (8x3)
        GoldenFixtures.fixChecksum(s, "steps/gradient/1_W.npy");
        ScenarioResult r = ReferenceData.verify(s, false);
        assertEquals(ScenarioResult.Status.FAIL, r.status());
        assertEquals(3, r.engine().divergence().globalStep());
        assertEquals("1_W", r.engine().divergence().parameter());
        assertEquals(1, r.engine().divergence().index());
        assertTrue(r.engine().failure().startsWith("epoch 1 step 3 (step 3 of 20): gradient 1_W[0,1]  engine "),
                r.engine().failure());
    }

    @Test
    void aChangedLossWithItsChecksumFixedFailsAtThatStep() {
        Path s = copy();
        GoldenFixtures.scaleElement(s, "loss.npy", 6, 1.0 + 1e-6);
        GoldenFixtures.fixChecksum(s, "loss.npy");
        ScenarioResult r = ReferenceData.verify(s, false);
        assertTrue(r.engine().failure().startsWith("epoch 1 step 7 (step 7 of 20): loss  engine "), r.engine().failure());
    }

    @Test
    void anInitialUpdaterStateOtherThanTheEnginesFreshOneFailsBeforeTraining() {
        Path s = copy();
        Npy.write(s.resolve("initial/updater_state/0_b/M.npy"), NpyArray.ofDoubles(new int[] {8},
                new double[] {0, 0, 0, 1e-3, 0, 0, 0, 0}));
        GoldenFixtures.fixChecksum(s, "initial/updater_state/0_b/M.npy");
        ScenarioResult r = ReferenceData.verify(s, true);
        for (SideResult side : java.util.List.of(r.engine(), r.dl4j())) {
            assertEquals("before training: updater state M of 0_b[3]  " + side.side()
                    + " 0.000000000  golden 0.001000000000  abs 1.0e-03  rel 1.0e+00  (step tolerance 1e-10)", side.failure());
        }
    }

    @Test
    void aChangedBatchOrderIsCaughtByThePlanCheck() {
        Path s = copy();
        GoldenFixtures.setInt(s, "batches.npy", 16 + 2, 149);
        GoldenFixtures.fixChecksum(s, "batches.npy");
        ScenarioResult r = ReferenceData.verify(s, false);
        assertEquals(ScenarioResult.Status.FAIL, r.status());
        assertTrue(r.planFailure().startsWith("epoch 1 step 2 (step 2 of 20): batch position 2 holds example "),
                r.planFailure());
    }

    @Test
    void aMissingArrayIsAnError() throws IOException {
        Path s = copy();
        Files.delete(s.resolve("steps/updater_state/0_b/V.npy"));
        assertError(s, s.resolve("steps/updater_state/0_b/V.npy") + ": missing (listed in manifest.json)");
    }

    @Test
    void anArrayTheManifestDoesNotListIsAnError() throws IOException {
        Path s = copy();
        Files.copy(s.resolve("loss.npy"), s.resolve("steps/loss.npy"));
        assertError(s, s.resolve("steps/loss.npy") + ": not listed in manifest.json");
    }

    @Test
    void anArrayOfTheWrongShapeIsAnErrorEvenWithAMatchingChecksum() {
        Path s = copy();
        Npy.write(s.resolve("initial/parameters/0_b.npy"), NpyArray.ofDoubles(new int[] {7}, new double[7]));
        GoldenFixtures.fixChecksum(s, "initial/parameters/0_b.npy");
        assertError(s, s.resolve("initial/parameters/0_b.npy") + ": holds <f8(7,), expected <f8(8,)");
    }

    @Test
    void anUnknownFormatVersionIsAnError() {
        Path s = copy();
        GoldenFixtures.editManifest(s, "\"formatVersion\" : 1,", "\"formatVersion\" : 2,");
        assertError(s, s.resolve("manifest.json") + ": unknown format version 2 (this lockstep reads lockstep-golden version 1)");
    }

    @Test
    void malformedManifestsAreErrors() throws IOException {
        Path s = copy();
        GoldenFixtures.editManifest(s, "\"steps\" : 20,", "\"steps\" : 20");
        assertError(s, s.resolve("manifest.json") + ": malformed JSON at line ");

        s = copy();
        GoldenFixtures.editManifest(s, "\"checkpointEvery\" : 1,", "");
        assertError(s, s.resolve("manifest.json") + ": malformed manifest: checkpointEvery: missing required field");

        s = copy();
        GoldenFixtures.editManifest(s, "\"steps\" : 20,", "\"steps\" : \"twenty\",");
        assertError(s, s.resolve("manifest.json") + ": malformed manifest: steps: expected an integer, got \"twenty\"");

        s = copy();
        GoldenFixtures.editManifest(s, "\"format\" : \"lockstep-golden\",", "\"format\" : \"something-else\",");
        assertError(s, s.resolve("manifest.json") + ": malformed manifest: format: expected \"lockstep-golden\"");

        s = copy();
        GoldenFixtures.editManifest(s, "\"activation\" : \"TANH\"", "\"activation\" : \"TANHH\"");
        assertError(s, s.resolve("manifest.json") + " (spec): network.layers[0].activation: unknown activation \"TANHH\"");

        s = copy();
        GoldenFixtures.editManifest(s, "\"epochs\" : 2,", "\"epochs\" : 3,");
        assertError(s, s.resolve("manifest.json") + ": malformed manifest: steps: 20, but 3 epochs of 10 steps");

        s = copy();
        Files.writeString(s.resolve("manifest.json"), "[]");
        assertError(s, s.resolve("manifest.json") + ": malformed manifest: expected a JSON object");

        s = copy();
        Files.delete(s.resolve("manifest.json"));
        assertError(s, s.resolve("manifest.json") + ": missing (every scenario folder needs a manifest.json)");
    }

    private static void assertError(Path scenario, String expectedStart) {
        ScenarioResult r = ReferenceData.verify(scenario, false);
        assertEquals(ScenarioResult.Status.ERROR, r.status(), String.valueOf(r));
        assertTrue(r.error().startsWith(expectedStart), r.error());
        assertEquals(1, r.error().lines().count(), r.error());
    }
}
