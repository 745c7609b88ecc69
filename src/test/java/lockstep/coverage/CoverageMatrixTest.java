package lockstep.coverage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import lockstep.cli.Main;
import lockstep.spec.ActivationType;
import lockstep.spec.DropoutSpec;
import lockstep.spec.GradientNormalization;
import lockstep.spec.LossType;
import lockstep.spec.UpdaterType;
import lockstep.spec.WeightInit;
import org.junit.jupiter.api.Test;

/** The coverage matrix names every supported feature, and `lockstep coverage` runs them all. */
class CoverageMatrixTest {

    @Test
    void theMatrixCoversEverySupportedName() {
        Set<String> names = CoverageMatrix.features(1).stream().map(Feature::name).collect(Collectors.toSet());
        String all = String.join(" ", names);
        for (Enum<?> e : concat(ActivationType.values(), LossType.values(), WeightInit.values(), UpdaterType.values(),
                DropoutSpec.Kind.values())) {
            assertTrue(all.contains(e.name()), () -> e + " is missing from the coverage matrix");
        }
        for (GradientNormalization g : GradientNormalization.values()) {
            assertTrue(g == GradientNormalization.None || names.contains(g.name()), () -> g + " is missing");
        }
    }

    @Test
    void coverageCommandRunsEveryFeatureAndAllAgree() {
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Main.run(new PrintWriter(new StringWriter(), true), "coverage", "--json");
        } finally {
            System.setOut(stdout);
        }
        String json = captured.toString(StandardCharsets.UTF_8);
        assertEquals(Main.EXIT_PASS, code, json);
        long rows = json.lines().filter(l -> l.contains("\"feature\"")).count();
        assertEquals(CoverageMatrix.features(1).size(), rows);
        assertTrue(!json.contains("\"FAIL\""), json);
    }

    private static List<Enum<?>> concat(Enum<?>[]... arrays) {
        return Arrays.stream(arrays).flatMap(Arrays::stream).collect(Collectors.toList());
    }
}
