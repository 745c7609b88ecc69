package lockstep.golden;

import lockstep.io.Npy;
import lockstep.io.NpyArray;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import lockstep.io.AtomicFiles;
import lockstep.spec.RunSpec;
import lockstep.spec.SpecJson;

/** Helpers for tests that record, copy and tamper with scenario folders. */
final class GoldenFixtures {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private GoldenFixtures() {
    }

    static RunSpec spec(String json) {
        return SpecJson.parse(json, "test spec");
    }

    /** Records {@code spec} and writes it to {@code dir}/{@code name}; returns the folder. */
    static Path record(Path dir, String name, RunSpec spec, int checkpointEvery) {
        Path target = dir.resolve(name);
        GoldenScenario g = GoldenRecorder.record(spec, name, "test scenario " + name, checkpointEvery);
        AtomicFiles.publishDirectory(target, false, d -> ScenarioFiles.write(g, d));
        return target;
    }

    /** A copy of the scenario folder {@code from} at {@code to}. */
    static Path copy(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path q = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(q);
                } else {
                    Files.copy(p, q);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return to;
    }

    /** Multiplies element {@code index} (flat, C order) of a floating-point array by {@code factor}, checksum untouched. */
    static double scaleElement(Path scenario, String array, int index, double factor) {
        Path file = scenario.resolve(array);
        NpyArray a = Npy.read(file);
        double[] v = a.toDoubles();
        double old = v[index];
        v[index] *= factor;
        Npy.write(file, NpyArray.ofFloatingPoint(a.type(), a.shape(), v));
        return old;
    }

    /** Sets element {@code index} of an integer array. */
    static void setInt(Path scenario, String array, int index, int value) {
        Path file = scenario.resolve(array);
        NpyArray a = Npy.read(file);
        long[] v = a.toLongs();
        int[] ints = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            ints[i] = (int) v[i];
        }
        ints[index] = value;
        Npy.write(file, NpyArray.ofInts(a.shape(), ints));
    }

    /** Writes the array file's current SHA-256 into the manifest, as someone covering up an edit would. */
    static void fixChecksum(Path scenario, String array) {
        try {
            Path manifest = scenario.resolve(ScenarioFiles.MANIFEST);
            ObjectNode root = (ObjectNode) MAPPER.readTree(Files.readString(manifest));
            ((ObjectNode) root.get("arrays").get(array)).put("sha256", Sha256.of(Files.readAllBytes(scenario.resolve(array))));
            Files.writeString(manifest, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Edits manifest.json as text. */
    static void editManifest(Path scenario, String from, String to) {
        try {
            Path manifest = scenario.resolve(ScenarioFiles.MANIFEST);
            String text = Files.readString(manifest);
            if (!text.contains(from)) {
                throw new AssertionError(manifest + " does not contain " + from);
            }
            Files.writeString(manifest, text.replace(from, to));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> npyFiles(Path scenario) {
        try (Stream<Path> files = Files.walk(scenario)) {
            return files.filter(p -> p.toString().endsWith(".npy")).map(p -> scenario.relativize(p).toString()).sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
