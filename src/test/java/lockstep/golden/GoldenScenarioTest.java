package lockstep.golden;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lockstep.data.Dataset;
import lockstep.data.Datasets;
import lockstep.data.EpochPlan;
import lockstep.data.SeededShuffler;
import lockstep.engine.EngineComponents;
import lockstep.harness.EngineFactory;
import lockstep.harness.Trainer;
import lockstep.io.AtomicFiles;
import lockstep.io.Npy;
import lockstep.io.NpyType;
import lockstep.selftest.PlantedBug;
import lockstep.spec.RunSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Recording and verifying a scenario: what is stored is DL4J's trajectory from the engine's initial
 * parameters on the harness's batches; it reads back exactly; the engine and a DL4J replay pass;
 * and verify finds every planted engine bug at the step, quantity and parameter the selftest names.
 */
class GoldenScenarioTest {
    static final String ADAM = """
            { "network": { "layers": [ {"nIn": 4, "nOut": 8, "activation": "TANH"}, {"nIn": 8, "nOut": 3, "activation": "SOFTMAX"} ],
                           "loss": "MCXENT", "updater": {"type": "ADAM", "learningRate": 0.01} },
              "training": { "batchSize": 16, "epochs": 2, "seed": 7, "dataType": "%s" } }""";

    @TempDir
    static Path dir;
    static GoldenScenario recorded;
    static Path everyStep;
    static Path checkpoints;

    @BeforeAll
    static void record() {
        recorded = GoldenRecorder.record(GoldenFixtures.spec(ADAM.formatted("DOUBLE")), "adam-double", "Adam", 1);
        everyStep = dir.resolve("adam-double");
        AtomicFiles.publishDirectory(everyStep, false, d -> ScenarioFiles.write(recorded, d));
        checkpoints = GoldenFixtures.record(dir, "adam-float-k4", GoldenFixtures.spec(ADAM.formatted("FLOAT")), 4);
    }

    @Test
    void storesDl4jsTrajectoryFromTheEnginesInitialParametersOnTheHarnesssBatches() {
        RunSpec spec = recorded.spec();
        Trainer engine = EngineFactory.MATRIX.create(spec.network(), spec.training().dataType(), spec.training().seed(),
                new EngineComponents());
        engine.parameters().forEach((k, v) -> assertArrayEquals(v, recorded.initialParameters().get(k), k));
        assertEquals(List.of("0_W/M", "0_W/V", "0_b/M", "0_b/V", "1_W/M", "1_W/V", "1_b/M", "1_b/V"),
                recorded.updaterStateKeys());
        SeededShuffler shuffler = new SeededShuffler(7);
        int t = 0;
        for (int epoch = 1; epoch <= 2; epoch++) {
            for (int[] batch : EpochPlan.batches(shuffler.order(150, epoch), 16)) {
                assertArrayEquals(batch, recorded.batches().get(t++));
            }
        }
        assertEquals(20, recorded.steps());
        assertEquals(20, recorded.storedSteps().size());
        assertEquals(recorded.losses()[4], recorded.storedSteps().get(4).snapshot().loss());
        assertEquals("1.0.0-M2.1", recorded.provenance().version());
        assertEquals(1, recorded.provenance().ompNumThreads());
    }

    @Test
    void readsBackExactlyWhatWasRecorded() {
        GoldenScenario read = ScenarioFiles.read(everyStep);
        assertEquals(recorded.spec(), read.spec());
        assertEquals(recorded.provenance(), read.provenance());
        assertEquals(recorded.dataset(), read.dataset());
        assertArrayEquals(recorded.losses(), read.losses());
        for (int i = 0; i < recorded.steps(); i++) {
            assertArrayEquals(recorded.batches().get(i), read.batches().get(i));
        }
        for (int i = 0; i < recorded.storedSteps().size(); i++) {
            var a = recorded.storedSteps().get(i).snapshot();
            var b = read.storedSteps().get(i).snapshot();
            for (String k : recorded.parameterShapes().keySet()) {
                assertArrayEquals(a.gradients().get(k), b.gradients().get(k));
                assertArrayEquals(a.updates().get(k), b.updates().get(k));
                assertArrayEquals(a.parameters().get(k), b.parameters().get(k));
            }
            a.updaterState().forEach((k, v) -> assertArrayEquals(v, b.updaterState().get(k), k));
        }
    }

    @Test
    void checkpointsStoreStep1EveryKthAndTheLastWithTheStateBeforeThem() {
        GoldenScenario g = ScenarioFiles.read(checkpoints);
        assertArrayEquals(new int[] {1, 4, 8, 12, 16, 20}, g.storedStepNumbers());
        assertNull(g.storedSteps().get(0).before());
        for (int i = 1; i < 6; i++) {
            assertTrue(g.storedSteps().get(i).before() != null, "step " + g.storedSteps().get(i).step());
        }
        assertTrue(GoldenFixtures.npyFiles(checkpoints).contains("before/updater_state/0_W/M.npy"));
        assertEquals(NpyType.F4, Npy.read(checkpoints.resolve("steps/parameters/0_W.npy")).type());
        assertArrayEquals(new int[] {6, 4, 8}, Npy.read(checkpoints.resolve("steps/parameters/0_W.npy")).shape());
        assertArrayEquals(new int[] {5, 8}, Npy.read(checkpoints.resolve("before/parameters/0_b.npy")).shape());
        assertArrayEquals(new int[] {20, 16}, Npy.read(checkpoints.resolve("batches.npy")).shape());
    }

    @Test
    void theEngineAndADl4jReplayPassEveryStoredStep() {
        for (Path scenario : List.of(everyStep, checkpoints)) {
            ScenarioResult r = ReferenceData.verify(scenario, true);
            assertEquals(ScenarioResult.Status.PASS, r.status(), scenario + ": " + r);
            assertEquals(20, r.engine().steps());
            assertEquals(r.scenario().storedSteps().size(), r.engine().storedCompared());
            assertTrue(r.dl4j().bitIdentical(), "DL4J retraces its own recording bit for bit: " + r.dl4j());
        }
    }

    @Test
    void verifyFindsEveryPlantedEngineBugWhereTheSelftestDoes() {
        Map<RunSpec, GoldenScenario> recordings = new HashMap<>();
        int checked = 0;
        for (PlantedBug bug : lockstep.selftest.Selftest.runs()) {
            if (bug.dataType() != lockstep.linalg.DType.DOUBLE) {
                continue;   // the golden fixtures here are DOUBLE; FLOAT bugs are the DOUBLE shadow's, which needs DL4J
            }
            RunSpec spec = bug.scenario().withTraining(bug.scenario().training().withEpochs(1));
            GoldenScenario g = recordings.computeIfAbsent(spec, s -> {
                Path p = GoldenFixtures.record(dir, "bug-" + recordings.size(), s, 1);
                return ScenarioFiles.read(p);
            });
            Dataset data = Datasets.iris();
            SideResult clean = GoldenVerifier.verifyEngine(g, data, new EngineComponents(), EngineFactory.MATRIX);
            assertTrue(clean.passed(), bug.name() + ": the clean engine must pass: " + clean.failure());
            SideResult faulty = GoldenVerifier.verifyEngine(g, data, bug.faultyEngine(), EngineFactory.MATRIX);
            assertTrue(bug.locatedBy(faulty.divergence()), bug.name() + ": expected " + bug.expectedLocation() + ", got "
                    + faulty.failure());
            checked++;
        }
        assertEquals(18, checked, "every DOUBLE bug");
    }

    @Test
    void aDivergenceReadsLikeCompares() {
        Path copy = GoldenFixtures.copy(everyStep, dir.resolve("divergence-format"));
        GoldenFixtures.scaleElement(copy, "steps/update/0_b.npy", 4 * 8 + 5, 1.5);
        GoldenFixtures.fixChecksum(copy, "steps/update/0_b.npy");
        ScenarioResult r = ReferenceData.verify(copy, false);
        assertEquals(ScenarioResult.Status.FAIL, r.status());
        assertTrue(r.engine().failure().matches("epoch 1 step 5 \\(step 5 of 20\\): update 0_b\\[5\\]  engine \\S+  golden \\S+"
                + "  abs \\S+  rel \\S+  \\(step tolerance 1e-10\\)"), r.engine().failure());
    }
}
