package lockstep.golden;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import lockstep.LockstepException;
import lockstep.comparison.StepSnapshot;
import lockstep.io.AtomicFiles;
import lockstep.io.Npy;
import lockstep.io.NpyArray;
import lockstep.io.NpyType;
import lockstep.linalg.DType;
import lockstep.spec.LayerSpec;
import lockstep.spec.ParameterKey;
import lockstep.spec.RunSpec;
import lockstep.spec.SpecJson;

/**
 * The on-disk form of a {@link GoldenScenario}: a folder with {@code manifest.json} and {@code .npy}
 * arrays (format version {@value #FORMAT_VERSION}; reference-data/README.md documents it). S is the
 * number of stored steps, A the number of stored steps whose previous step is not stored, N the number
 * of steps, B the batch size; T is {@code <f8} in a DOUBLE run and {@code <f4} in a FLOAT run.
 * <pre>
 *   manifest.json                          format, run spec, provenance, steps stored, SHA-256 of every array
 *   batches.npy                  &lt;i4 [N,B]   example indices of each step's batch (-1 pads a short last batch)
 *   loss.npy                     &lt;f8 [N]     DL4J's score of each step (on the parameters before it)
 *   initial/parameters/K.npy     T [shape]   the parameters before step 1
 *   initial/updater_state/K/S.npy T [shape]  the updater state before step 1
 *   steps/gradient/K.npy         T [S,shape] gradient of the batch-mean loss at each stored step
 *   steps/update/K.npy           T [S,shape] the update subtracted
 *   steps/parameters/K.npy       T [S,shape] the parameters after the step
 *   steps/updater_state/K/S.npy  T [S,shape] the updater state after the step
 *   before/parameters/K.npy      T [A,shape] parameters before each step listed in "anchoredSteps"
 *   before/updater_state/K/S.npy T [A,shape] updater state before them
 *   masks/L.npy                  T [N,B,nIn] per layer L with dropout: the array its DL4J dropout drew for its input
 *                                            at each step (Dropout's 0 or 1/p, Gaussian noise, AlphaDropout's
 *                                            0 or 1; rows past a short last batch 0)
 * </pre>
 * Reading checks everything before anything is compared: the format and its version, every field,
 * the SHA-256 of every array, that exactly the expected arrays are there with the expected type and
 * shape, and that the run spec parses. Every problem is a {@link LockstepException} naming the file.
 */
public final class ScenarioFiles {
    public static final String FORMAT = "lockstep-golden";
    public static final int FORMAT_VERSION = 1;
    public static final String MANIFEST = "manifest.json";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ScenarioFiles() {
    }

    /** Writes the scenario's arrays and then its manifest into the (empty) directory {@code dir}. */
    public static void write(GoldenScenario g, Path dir) {
        NpyType t = floatType(g.dataType());
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        int n = g.steps();
        int b = g.spec().training().batchSize();
        int[] padded = new int[n * b];
        Arrays.fill(padded, -1);
        for (int s = 0; s < n; s++) {
            int[] batch = g.batches().get(s);
            System.arraycopy(batch, 0, padded, s * b, batch.length);
        }
        arrays.put("batches.npy", NpyArray.ofInts(new int[] {n, b}, padded));
        arrays.put("loss.npy", NpyArray.ofDoubles(new int[] {n}, g.losses()));
        Map<String, int[]> shapes = g.parameterShapes();
        Map<String, int[]> stateShapes = stateShapes(g.updaterStateKeys(), shapes);
        put(arrays, "initial/parameters/", shapes, t, List.of(g.initialParameters()));
        put(arrays, "initial/updater_state/", stateShapes, t, List.of(g.initialState()));
        List<StepSnapshot> snaps = g.storedSteps().stream().map(GoldenScenario.StoredStep::snapshot).toList();
        put(arrays, "steps/gradient/", shapes, t, snaps.stream().map(StepSnapshot::gradients).toList());
        put(arrays, "steps/update/", shapes, t, snaps.stream().map(StepSnapshot::updates).toList());
        put(arrays, "steps/parameters/", shapes, t, snaps.stream().map(StepSnapshot::parameters).toList());
        put(arrays, "steps/updater_state/", stateShapes, t, snaps.stream().map(StepSnapshot::updaterState).toList());
        List<GoldenScenario.State> befores = g.storedSteps().stream().map(GoldenScenario.StoredStep::before)
                .filter(java.util.Objects::nonNull).toList();
        if (!befores.isEmpty()) {
            put(arrays, "before/parameters/", shapes, t, befores.stream().map(GoldenScenario.State::parameters).toList());
            put(arrays, "before/updater_state/", stateShapes, t,
                    befores.stream().map(GoldenScenario.State::updaterState).toList());
        }
        g.dropoutMasks().forEach((layer, values) -> arrays.put("masks/" + layer + ".npy", NpyArray.ofFloatingPoint(t,
                new int[] {n, b, g.spec().network().layers().get(layer).nIn()}, values)));
        ObjectNode files = MAPPER.createObjectNode();
        for (Map.Entry<String, NpyArray> e : arrays.entrySet()) {
            byte[] bytes = Npy.encode(e.getValue());
            AtomicFiles.write(dir.resolve(e.getKey()), bytes);
            ObjectNode entry = files.putObject(e.getKey());
            entry.put("dtype", e.getValue().type().descr());
            entry.set("shape", intArray(e.getValue().shape()));
            entry.put("sha256", Sha256.of(bytes));
        }
        AtomicFiles.write(dir.resolve(MANIFEST), manifest(g, files).getBytes(StandardCharsets.UTF_8));
    }

    /** One array per key: a single state ({@code states} of size 1, shape as given) or stacked [S, shape]. */
    private static void put(Map<String, NpyArray> arrays, String prefix, Map<String, int[]> shapes, NpyType t,
                            List<Map<String, double[]>> states) {
        boolean single = prefix.startsWith("initial/");
        for (Map.Entry<String, int[]> e : shapes.entrySet()) {
            int size = (int) NpyArray.elementCount(e.getValue());
            double[] values = new double[size * states.size()];
            for (int i = 0; i < states.size(); i++) {
                double[] v = states.get(i).get(e.getKey());
                if (v == null || v.length != size) {
                    throw new IllegalStateException(prefix + e.getKey() + ": expected " + size + " values");
                }
                System.arraycopy(v, 0, values, i * size, size);
            }
            int[] shape = single ? e.getValue() : stacked(states.size(), e.getValue());
            arrays.put(prefix + e.getKey() + ".npy", NpyArray.ofFloatingPoint(t, shape, values));
        }
    }

    private static String manifest(GoldenScenario g, ObjectNode files) {
        ObjectNode m = MAPPER.createObjectNode();
        m.put("format", FORMAT);
        m.put("formatVersion", FORMAT_VERSION);
        m.put("name", g.name());
        m.put("description", g.description());
        GoldenScenario.Provenance p = g.provenance();
        m.put("createdAt", p.createdAt());
        ObjectNode rec = m.putObject("recordedWith");
        rec.put("library", p.library());
        rec.put("version", p.version());
        rec.put("ompNumThreads", p.ompNumThreads());
        rec.put("javaVersion", p.javaVersion());
        rec.put("javaVendor", p.javaVendor());
        rec.put("os", p.os());
        m.put("dataType", g.dataType().name());
        try {
            m.set("spec", MAPPER.readTree(SpecJson.write(g.spec())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        DatasetFingerprint d = g.dataset();
        ObjectNode data = m.putObject("dataset");
        data.put("name", d.name());
        data.put("examples", d.examples());
        data.put("features", d.features());
        data.put("classes", d.classes());
        data.put("sha256", d.sha256());
        m.put("steps", g.steps());
        m.put("checkpointEvery", g.checkpointEvery());
        m.set("storedSteps", intArray(g.storedStepNumbers()));
        m.set("anchoredSteps", intArray(g.storedSteps().stream().filter(s -> s.before() != null)
                .mapToInt(GoldenScenario.StoredStep::step).toArray()));
        ObjectNode params = m.putObject("parameters");
        g.parameterShapes().forEach((k, v) -> params.set(k, intArray(v)));
        ArrayNode state = m.putArray("updaterState");
        g.updaterStateKeys().forEach(state::add);
        m.set("arrays", files);
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(m) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads and checks a scenario folder (see the class comment for what is checked). */
    public static GoldenScenario read(Path dir) {
        Path manifestFile = dir.resolve(MANIFEST);
        if (!Files.isDirectory(dir)) {
            throw new LockstepException(dir + ": no such scenario directory");
        }
        if (!Files.isRegularFile(manifestFile)) {
            throw new LockstepException(manifestFile + ": missing (every scenario folder needs a manifest.json)");
        }
        return new Reader(dir, manifestFile, manifestJson(manifestFile)).read();
    }

    private static JsonNode manifestJson(Path manifestFile) {
        String text;
        try {
            text = Files.readString(manifestFile);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new LockstepException(manifestFile + ": file not found");
        } catch (IOException e) {
            throw new LockstepException(manifestFile + ": cannot read: " + e.getMessage());
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new LockstepException(manifestFile + ": malformed JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new LockstepException(manifestFile + ": malformed manifest: expected a JSON object");
        }
        return root;
    }

    /** What re-recording a scenario needs from its manifest: the run spec, the description and the checkpoint interval. */
    public record Settings(RunSpec spec, String description, int checkpointEvery) {
    }

    /** The settings of the scenario whose manifest is {@code manifestFile}, without reading or checking its arrays. */
    public static Settings readSettings(Path manifestFile) {
        JsonNode root = manifestJson(manifestFile);
        Reader r = new Reader(manifestFile.toAbsolutePath().getParent(), manifestFile, root);
        r.checkFormat();
        return new Settings(r.spec(), root.has("description") ? r.text(root, "description") : "",
                r.integer(root, "checkpointEvery"));
    }

    /** True when {@code file} is a JSON object whose "format" is this format's name (a manifest, not a run spec). */
    public static boolean isManifest(Path file) {
        try {
            JsonNode root = MAPPER.readTree(Files.readString(file));
            return root != null && root.isObject() && root.has("format") && FORMAT.equals(root.get("format").asText());
        } catch (IOException e) {
            return false;
        }
    }

    static NpyType floatType(DType dtype) {
        return dtype == DType.DOUBLE ? NpyType.F8 : NpyType.F4;
    }

    /** PARAMETER/SLOT with a parameter of {@code shapes} and a slot that is a plain file name (no '/', no ".."). */
    private static boolean isStateName(String key, Map<String, int[]> shapes) {
        try {
            String slot = ParameterKey.slotOf(key);
            return shapes.containsKey(ParameterKey.parse(key).name()) && !slot.contains("/") && !slot.contains("..");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Map<String, int[]> stateShapes(List<String> keys, Map<String, int[]> shapes) {
        Map<String, int[]> out = new LinkedHashMap<>();
        for (String k : keys) {
            out.put(k, shapes.get(ParameterKey.parse(k).name()));
        }
        return out;
    }

    private static int[] stacked(int count, int[] shape) {
        int[] out = new int[shape.length + 1];
        out[0] = count;
        System.arraycopy(shape, 0, out, 1, shape.length);
        return out;
    }

    private static ArrayNode intArray(int[] values) {
        ArrayNode a = MAPPER.createArrayNode();
        for (int v : values) {
            a.add(v);
        }
        return a;
    }

    /** Reads one manifest; every error names the manifest (or the array file) and the field. */
    private static final class Reader {
        private final Path dir;
        private final Path manifestFile;
        private final JsonNode root;

        Reader(Path dir, Path manifestFile, JsonNode root) {
            this.dir = dir;
            this.manifestFile = manifestFile;
            this.root = root;
        }

        void checkFormat() {
            String format = text(root, "format");
            if (!FORMAT.equals(format)) {
                throw malformed("format", "expected \"" + FORMAT + "\", got \"" + format + "\"");
            }
            int version = integer(root, "formatVersion");
            if (version != FORMAT_VERSION) {
                throw new LockstepException(manifestFile + ": unknown format version " + version + " (this lockstep reads "
                        + FORMAT + " version " + FORMAT_VERSION + "); re-record the scenario or use a matching lockstep");
            }
        }

        RunSpec spec() {
            return SpecJson.parse(object(root, "spec").toString(), manifestFile + " (spec)");
        }

        GoldenScenario read() {
            checkFormat();
            String name = text(root, "name");
            String description = root.has("description") ? text(root, "description") : "";
            JsonNode rec = object(root, "recordedWith");
            GoldenScenario.Provenance provenance = new GoldenScenario.Provenance(text(rec, "library"),
                    text(rec, "version"), integer(rec, "ompNumThreads"), text(rec, "javaVersion"), text(rec, "javaVendor"),
                    text(rec, "os"), text(root, "createdAt"));
            RunSpec spec = spec();
            String dataType = text(root, "dataType");
            if (!dataType.equals(spec.training().dataType().name())) {
                throw malformed("dataType", dataType + " but the spec says " + spec.training().dataType());
            }
            JsonNode ds = object(root, "dataset");
            DatasetFingerprint dataset = new DatasetFingerprint(text(ds, "name"), integer(ds, "examples"),
                    integer(ds, "features"), integer(ds, "classes"), text(ds, "sha256"));
            int steps = integer(root, "steps");
            int perEpoch = lockstep.data.EpochPlan.stepsPerEpoch(spec.training(), dataset.examples());
            if (steps != spec.training().epochs() * perEpoch) {
                throw malformed("steps", steps + ", but " + spec.training().epochs() + " epochs of " + perEpoch
                        + " steps (" + dataset.examples() + " examples, batch " + spec.training().batchSize() + ") make "
                        + spec.training().epochs() * perEpoch);
            }
            int k = integer(root, "checkpointEvery");
            if (k < 1) {
                throw malformed("checkpointEvery", "must be >= 1, got " + k);
            }
            int[] stored = ints(root, "storedSteps");
            int[] expectedStored = java.util.stream.IntStream.rangeClosed(1, steps)
                    .filter(s -> GoldenScenario.isStored(s, k, steps)).toArray();
            if (!Arrays.equals(stored, expectedStored)) {
                throw malformed("storedSteps", "do not match checkpointEvery " + k + " over " + steps
                        + " steps (expected 1, every multiple of " + k + " and the last step)");
            }
            int[] anchored = ints(root, "anchoredSteps");
            int[] expectedAnchored = Arrays.stream(stored)
                    .filter(s -> s > 1 && Arrays.binarySearch(stored, s - 1) < 0).toArray();
            if (!Arrays.equals(anchored, expectedAnchored)) {
                throw malformed("anchoredSteps", "must list the stored steps whose previous step is not stored: "
                        + Arrays.toString(expectedAnchored));
            }
            Map<String, int[]> shapes = spec.network().parameterLayout().shapes();
            JsonNode params = object(root, "parameters");
            Map<String, int[]> listed = new LinkedHashMap<>();
            params.fieldNames().forEachRemaining(f -> listed.put(f, ints(params, f)));
            if (!sameShapes(listed, shapes)) {
                throw malformed("parameters", "do not match the spec's layers (expected "
                        + describe(shapes) + ")");
            }
            List<String> stateKeys = new ArrayList<>();
            JsonNode stateNode = root.get("updaterState");
            if (stateNode == null || !stateNode.isArray()) {
                throw malformed("updaterState", "missing or not an array of strings");
            }
            for (JsonNode s : stateNode) {
                String key = s.asText();
                if (!s.isTextual() || !isStateName(key, shapes)) {
                    throw malformed("updaterState", "\"" + s + "\" is not a key of the form PARAMETER/NAME");
                }
                stateKeys.add(key);
            }
            Map<String, int[]> stateShapes = stateShapes(stateKeys, shapes);
            int n = steps;
            int b = spec.training().batchSize();
            NpyType t = floatType(spec.training().dataType());
            Map<String, Expected> expected = new LinkedHashMap<>();
            expected.put("batches.npy", new Expected(NpyType.I4, new int[] {n, b}));
            expected.put("loss.npy", new Expected(NpyType.F8, new int[] {n}));
            expect(expected, "initial/parameters/", shapes, t, -1);
            expect(expected, "initial/updater_state/", stateShapes, t, -1);
            for (String q : List.of("gradient", "update", "parameters")) {
                expect(expected, "steps/" + q + "/", shapes, t, stored.length);
            }
            expect(expected, "steps/updater_state/", stateShapes, t, stored.length);
            if (anchored.length > 0) {
                expect(expected, "before/parameters/", shapes, t, anchored.length);
                expect(expected, "before/updater_state/", stateShapes, t, anchored.length);
            }
            List<LayerSpec> layers = spec.network().layers();
            for (int l = 0; l < layers.size(); l++) {
                if (layers.get(l).dropout() != null) {
                    expected.put("masks/" + l + ".npy", new Expected(t, new int[] {n, b, layers.get(l).nIn()}));
                }
            }
            Map<String, NpyArray> arrays = arrays(expected);

            double[] losses = arrays.get("loss.npy").toDoubles();
            long[] padded = arrays.get("batches.npy").toLongs();
            List<int[]> batches = new ArrayList<>();
            for (int s = 0; s < n; s++) {
                int len = 0;
                while (len < b && padded[s * b + len] >= 0) {
                    len++;
                }
                int[] batch = new int[len];
                for (int i = 0; i < b; i++) {
                    long v = padded[s * b + i];
                    if (i < len && v >= dataset.examples() || i >= len && v != -1) {
                        throw new LockstepException(dir.resolve("batches.npy") + ": step " + (s + 1) + ", position " + i
                                + ": " + v + " is not an example index (0.." + (dataset.examples() - 1)
                                + ", -1 only as padding at the end)");
                    }
                    if (i < len) {
                        batch[i] = (int) v;
                    }
                }
                if (len == 0) {
                    throw new LockstepException(dir.resolve("batches.npy") + ": step " + (s + 1) + " has an empty batch");
                }
                batches.add(batch);
            }
            Map<String, double[]> initial = slice(arrays, "initial/parameters/", shapes, -1);
            Map<String, double[]> initialState = slice(arrays, "initial/updater_state/", stateShapes, -1);
            List<GoldenScenario.StoredStep> storedSteps = new ArrayList<>();
            int a = 0;
            for (int i = 0; i < stored.length; i++) {
                GoldenScenario.State before = null;
                if (a < anchored.length && anchored[a] == stored[i]) {
                    before = new GoldenScenario.State(slice(arrays, "before/parameters/", shapes, a),
                            slice(arrays, "before/updater_state/", stateShapes, a));
                    a++;
                }
                StepSnapshot snap = new StepSnapshot(losses[stored[i] - 1], slice(arrays, "steps/gradient/", shapes, i),
                        slice(arrays, "steps/update/", shapes, i), slice(arrays, "steps/parameters/", shapes, i),
                        slice(arrays, "steps/updater_state/", stateShapes, i));
                storedSteps.add(new GoldenScenario.StoredStep(stored[i], before, snap));
            }
            Map<Integer, double[]> masks = new java.util.TreeMap<>();
            for (int l = 0; l < layers.size(); l++) {
                if (layers.get(l).dropout() != null) {
                    masks.put(l, arrays.get("masks/" + l + ".npy").toDoubles());
                }
            }
            return new GoldenScenario(name, description, spec, k, shapes, stateKeys, initial, initialState, batches,
                    losses, storedSteps, masks, dataset, provenance);
        }

        private record Expected(NpyType type, int[] shape) {
        }

        private static void expect(Map<String, Expected> out, String prefix, Map<String, int[]> shapes, NpyType t,
                                   int count) {
            shapes.forEach((k, shape) -> out.put(prefix + k + ".npy",
                    new Expected(t, count < 0 ? shape : stacked(count, shape))));
        }

        /** Checks the manifest's list of arrays against the expected one and every file's checksum, type and shape. */
        private Map<String, NpyArray> arrays(Map<String, Expected> expected) {
            JsonNode listed = object(root, "arrays");
            Set<String> names = new TreeSet<>();
            listed.fieldNames().forEachRemaining(names::add);
            for (String e : expected.keySet()) {
                if (!names.contains(e)) {
                    throw malformed("arrays", "does not list " + e + ", which this scenario needs");
                }
            }
            for (String l : names) {
                if (!expected.containsKey(l)) {
                    throw malformed("arrays", "lists " + l + ", which is not part of this scenario's format");
                }
            }
            for (String onDisk : npyFilesIn(dir)) {
                if (!expected.containsKey(onDisk)) {
                    throw new LockstepException(dir.resolve(onDisk) + ": not listed in " + MANIFEST
                            + " (an array the manifest does not vouch for)");
                }
            }
            Map<String, NpyArray> out = new LinkedHashMap<>();
            for (Map.Entry<String, Expected> e : expected.entrySet()) {
                JsonNode entry = listed.get(e.getKey());
                if (!entry.isObject()) {
                    throw malformed("arrays." + e.getKey(), "expected an object with dtype, shape and sha256");
                }
                String sha = text(entry, "sha256", "arrays." + e.getKey());
                Path file = dir.resolve(e.getKey());
                byte[] bytes;
                try {
                    bytes = Files.readAllBytes(file);
                } catch (java.nio.file.NoSuchFileException ex) {
                    throw new LockstepException(file + ": missing (listed in " + MANIFEST + ")");
                } catch (IOException ex) {
                    throw new LockstepException(file + ": cannot read: " + ex.getMessage());
                }
                String actual = Sha256.of(bytes);
                if (!actual.equals(sha)) {
                    throw new LockstepException(file + ": checksum mismatch: SHA-256 is " + actual + " but " + MANIFEST
                            + " says " + sha + " (the file was changed after recording)");
                }
                NpyArray array = Npy.decode(bytes, file.toString());
                Expected want = e.getValue();
                String listedDtype = text(entry, "dtype", "arrays." + e.getKey());
                int[] listedShape = ints(entry, "shape", "arrays." + e.getKey());
                if (array.type() != want.type() || !Arrays.equals(array.shape(), want.shape())
                        || !listedDtype.equals(array.type().descr()) || !Arrays.equals(listedShape, array.shape())) {
                    throw new LockstepException(file + ": holds " + array + ", expected " + want.type().descr()
                            + NpyArray.pythonShape(want.shape()) + " (manifest: " + listedDtype
                            + NpyArray.pythonShape(listedShape) + ")");
                }
                out.put(e.getKey(), array);
            }
            return out;
        }

        private static List<String> npyFilesIn(Path dir) {
            try (Stream<Path> files = Files.walk(dir)) {
                return files.filter(p -> p.getFileName().toString().endsWith(".npy") && Files.isRegularFile(p))
                        .map(p -> dir.relativize(p).toString().replace('\\', '/')).sorted().toList();
            } catch (IOException e) {
                throw new LockstepException(dir + ": cannot list: " + e.getMessage());
            }
        }

        /** Element {@code index} of each stacked array under {@code prefix} (the whole array for -1). */
        private static Map<String, double[]> slice(Map<String, NpyArray> arrays, String prefix, Map<String, int[]> shapes,
                                                   int index) {
            Map<String, double[]> out = new LinkedHashMap<>();
            shapes.forEach((k, shape) -> {
                double[] all = arrays.get(prefix + k + ".npy").toDoubles();
                int size = (int) NpyArray.elementCount(shape);
                out.put(k, index < 0 ? all : Arrays.copyOfRange(all, index * size, (index + 1) * size));
            });
            return out;
        }

        private static boolean sameShapes(Map<String, int[]> a, Map<String, int[]> b) {
            if (!a.keySet().equals(b.keySet())) {
                return false;
            }
            for (String k : a.keySet()) {
                if (!Arrays.equals(a.get(k), b.get(k))) {
                    return false;
                }
            }
            return true;
        }

        private static String describe(Map<String, int[]> shapes) {
            StringBuilder s = new StringBuilder();
            shapes.forEach((k, v) -> s.append(s.length() == 0 ? "" : ", ").append(k).append(' ').append(Arrays.toString(v)));
            return s.toString();
        }

        private LockstepException malformed(String field, String problem) {
            return new LockstepException(manifestFile + ": malformed manifest: " + field + ": " + problem);
        }

        private JsonNode required(JsonNode node, String field, String where) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                throw malformed(where == null ? field : where + "." + field, "missing required field");
            }
            return v;
        }

        private String text(JsonNode node, String field) {
            return text(node, field, node == root ? null : pathOf(node));
        }

        private String text(JsonNode node, String field, String where) {
            JsonNode v = required(node, field, where);
            if (!v.isTextual()) {
                throw malformed(where == null ? field : where + "." + field, "expected a string, got " + v);
            }
            return v.asText();
        }

        private int integer(JsonNode node, String field) {
            String where = node == root ? null : pathOf(node);
            JsonNode v = required(node, field, where);
            if (!v.isInt()) {
                throw malformed(where == null ? field : where + "." + field, "expected an integer, got " + v);
            }
            return v.asInt();
        }

        private JsonNode object(JsonNode node, String field) {
            JsonNode v = required(node, field, null);
            if (!v.isObject()) {
                throw malformed(field, "expected a JSON object, got " + v);
            }
            return v;
        }

        private int[] ints(JsonNode node, String field) {
            return ints(node, field, node == root ? null : pathOf(node));
        }

        private int[] ints(JsonNode node, String field, String where) {
            JsonNode v = required(node, field, where);
            String name = where == null ? field : where + "." + field;
            if (!v.isArray()) {
                throw malformed(name, "expected an array of integers, got " + v);
            }
            int[] out = new int[v.size()];
            Iterator<JsonNode> it = v.elements();
            for (int i = 0; it.hasNext(); i++) {
                JsonNode e = it.next();
                if (!e.isInt()) {
                    throw malformed(name, "expected an array of integers, got " + v);
                }
                out[i] = e.asInt();
            }
            return out;
        }

        /** The top-level field holding {@code node} (manifests nest one level deep), for messages. */
        private String pathOf(JsonNode node) {
            Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                if (f.getValue() == node) {
                    return f.getKey();
                }
            }
            return "?";
        }
    }
}
