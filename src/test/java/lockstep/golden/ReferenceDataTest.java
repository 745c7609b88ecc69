package lockstep.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import lockstep.linalg.DType;
import lockstep.spec.ActivationType;
import lockstep.spec.DropoutSpec;
import lockstep.spec.LayerSpec;
import lockstep.spec.LossType;
import lockstep.spec.NetworkSpec;
import lockstep.spec.ScheduleSpec;
import lockstep.spec.UpdaterType;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed golden scenarios in reference-data/: every one verifies, the engine and a DL4J
 * replay, against its recording; together they cover the parity matrix; and a golden file edited by
 * hand is caught, by its checksum or, when that is fixed up too, as a divergence at the edited step,
 * parameter and element.
 */
class ReferenceDataTest {
    static final Path REFERENCE_DATA = Path.of(ReferenceData.DEFAULT_DIR);

    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicTest> everyCommittedScenarioVerifiesForTheEngineAndDl4j() {
        return ReferenceData.scenarios(REFERENCE_DATA).stream().map(dir -> DynamicTest.dynamicTest(
                dir.getFileName().toString(), () -> {
                    ScenarioResult r = ReferenceData.verify(dir, true);
                    assertEquals(ScenarioResult.Status.PASS, r.status(), () -> r.error() != null ? r.error()
                            : r.planFailure() != null ? r.planFailure()
                            : !r.engine().passed() ? "engine: " + r.engine().failure() : "dl4j: " + r.dl4j().failure());
                    assertEquals(r.scenario().steps(), r.engine().steps());
                    assertEquals(r.scenario().storedSteps().size(), r.dl4j().storedCompared());
                    assertEquals(dir.getFileName().toString(), r.scenario().name());
                    assertEquals(1, r.scenario().provenance().ompNumThreads(), "record with OMP_NUM_THREADS=1");
                }));
    }

    @Test
    void theScenariosCoverTheParityMatrix() {
        List<GoldenScenario> all = ReferenceData.scenarios(REFERENCE_DATA).stream().map(ScenarioFiles::read).toList();
        assertTrue(all.size() >= 10, "at least 10 scenarios, found " + all.size());
        Set<ActivationType> activations = EnumSet.noneOf(ActivationType.class);
        Set<LossType> losses = EnumSet.noneOf(LossType.class);
        Set<UpdaterType> updaters = EnumSet.noneOf(UpdaterType.class);
        Set<DType> types = EnumSet.noneOf(DType.class);
        Set<Integer> hiddenLayers = new TreeSet<>();
        boolean globalWeightDecay = false;
        boolean l1l2 = false;
        boolean checkpointed = false;
        boolean epochSchedule = false;
        Set<DropoutSpec.Kind> dropouts = EnumSet.noneOf(DropoutSpec.Kind.class);
        for (GoldenScenario g : all) {
            NetworkSpec net = g.spec().network();
            net.layers().stream().map(LayerSpec::activation).forEach(activations::add);
            net.layers().stream().filter(l -> l.dropout() != null).map(l -> l.dropout().kind()).forEach(dropouts::add);
            losses.add(net.loss());
            updaters.add(net.updater().type());
            types.add(g.dataType());
            hiddenLayers.add(net.layers().size() - 1);
            globalWeightDecay |= net.regularization().get("weightDecay") != null;
            l1l2 |= net.regularization().get("l1") != null && net.regularization().get("l2") != null;
            checkpointed |= g.checkpointEvery() > 1;
            epochSchedule |= net.updater().schedule() != null && net.updater().schedule().unit() == ScheduleSpec.Unit.EPOCH;
        }
        assertEquals(EnumSet.allOf(DType.class), types);
        assertEquals(Set.of(1, 2, 3, 4), hiddenLayers);
        assertTrue(activations.size() >= 10, activations.toString());
        assertTrue(losses.size() >= 5, losses.toString());
        assertTrue(updaters.containsAll(EnumSet.of(UpdaterType.SGD, UpdaterType.ADAM, UpdaterType.NESTEROVS,
                UpdaterType.RMSPROP)) && updaters.size() >= 8, updaters.toString());
        assertTrue(globalWeightDecay, "DL4J's doubled global weight decay");
        assertTrue(l1l2, "L1 and L2");
        assertTrue(checkpointed, "a long run kept as checkpoints");
        assertTrue(epochSchedule, "an epoch-based learning-rate schedule (the epoch counter set on both sides)");
        assertEquals(EnumSet.allOf(DropoutSpec.Kind.class), dropouts, "every dropout kind, its stored arrays replayed");
    }

    @Test
    void theReferenceDataStaysSmall() throws Exception {
        long bytes;
        try (Stream<Path> files = Files.walk(REFERENCE_DATA)) {
            bytes = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
        assertTrue(bytes < 8_000_000, "reference-data holds " + bytes + " bytes");
        assertTrue(Files.isRegularFile(REFERENCE_DATA.resolve("README.md")));
    }

    @Test
    void editingOneGoldenNumberIsAChecksumErrorAndWithTheChecksumFixedADivergenceAtThatStepParameterAndElement() {
        Path original = REFERENCE_DATA.resolve("iris-sigmoid-softmax-mcxent-adam-double");
        String array = "steps/updater_state/0_W/V.npy";    // [20, 4, 12]: step 6, element [2,7]
        int element = 5 * 48 + 2 * 12 + 7;

        Path copy = GoldenFixtures.copy(original, tmp.resolve("edited"));
        GoldenFixtures.scaleElement(copy, array, element, 1.0 + 1e-6);
        ScenarioResult checksum = ReferenceData.verify(copy, true);
        assertEquals(ScenarioResult.Status.ERROR, checksum.status());
        assertTrue(checksum.error().startsWith(copy.resolve(array) + ": checksum mismatch: SHA-256 is "), checksum.error());

        GoldenFixtures.fixChecksum(copy, array);
        ScenarioResult diverged = ReferenceData.verify(copy, true);
        assertEquals(ScenarioResult.Status.FAIL, diverged.status());
        for (SideResult side : List.of(diverged.engine(), diverged.dl4j())) {
            assertEquals(6, side.divergence().globalStep(), side.failure());
            assertEquals("0_W/V", side.divergence().parameter(), side.failure());
            assertEquals(2 * 12 + 7, side.divergence().index(), side.failure());
            assertTrue(side.failure().startsWith("epoch 1 step 6 (step 6 of 20): updater state V of 0_W[2,7]  "
                    + side.side() + " "), side.failure());
        }
        assertTrue(Files.exists(original.resolve(array)), "the committed scenario is untouched");
        assertEquals(ScenarioResult.Status.PASS, ReferenceData.verify(original, false).status());
    }
}
