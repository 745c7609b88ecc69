package lockstep.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import lockstep.LockstepException;
import lockstep.linalg.DType;

/**
 * Reads and writes a {@link RunSpec} as JSON. Every error names the file and the JSON path of the
 * offending field; unknown fields are errors too (a misspelt key must not be silently ignored).
 * <pre>
 * { "dataset": "iris",
 *   "network": { "layers": [ {"nIn": 4, "nOut": 16, "activation": "TANH",
 *                             "dropout": 0.8},                         // or {"type": "GAUSSIAN_NOISE", "stddev": 0.05}; optional
 *                            {"nIn": 16, "nOut": 3, "activation": "SOFTMAX"} ],
 *                "loss": "MCXENT", "weightInit": "XAVIER_UNIFORM",   // or {"distribution": "normal", "mean": 0, "std": 0.5}
 *                "updater": {"type": "SGD", "learningRate": 0.1} },
 *   "training": { "batchSize": 16, "epochs": 30, "seed": 42, "dataType": "DOUBLE",
 *                 "dropLast": false, "shuffle": true,                       // optional, these are the defaults
 *                 "validation": {"fraction": 0.2},                          // or {"csv": path}; optional
 *                 "earlyStopping": {"patience": 5, "minDelta": 0, "evaluateEvery": 1} } }   // optional, needs validation
 * </pre>
 * Missing fields take the values of {@link RunSpec#irisDefault()}.
 */
public final class SpecJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String NORMAL = "normal";
    private static final String UNIFORM = "uniform";
    private static final String TRUNCATED_NORMAL = "truncated_normal";

    private SpecJson() {
    }

    /** Reads and validates a spec file. */
    public static RunSpec read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new LockstepException(file + ": spec file not found");
        } catch (IOException e) {
            throw new LockstepException(file + ": cannot read spec file: " + e.getMessage());
        }
        return parse(text, file.toString());
    }

    /** Parses and validates spec JSON; {@code source} names it in error messages. */
    public static RunSpec parse(String json, String source) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new LockstepException(source + ": malformed JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new LockstepException(source + ": a spec must be a JSON object");
        }
        try {
            return SpecValidator.validate(fromJson(new Fields(root, "", source)));
        } catch (LockstepException e) {
            if (e.getMessage().startsWith(source)) {
                throw e;
            }
            throw new LockstepException(source + ": " + e.getMessage(), e);
        }
    }

    private static RunSpec fromJson(Fields root) {
        root.allowOnly("dataset", "network", "training");
        RunSpec d = RunSpec.irisDefault();
        DataSpec data = root.has("dataset") ? dataset(root) : d.data();
        NetworkSpec net = root.has("network") ? network(root.object("network"), d.network()) : d.network();
        TrainingSpec training = root.has("training") ? training(root.object("training"), d.training()) : d.training();
        return new RunSpec(data, net, training);
    }

    private static DataSpec dataset(Fields root) {
        JsonNode node = root.node.get("dataset");
        if (node.isTextual()) {
            return switch (node.asText()) {
                case DataSpec.IRIS -> DataSpec.iris();
                case DataSpec.FASHION_MNIST -> DataSpec.fashionMnist(null, 0, 0);
                default -> throw root.error("dataset", "unknown dataset \"" + node.asText()
                        + "\" (known: \"iris\", \"fashion-mnist\", or an object {\"csv\": path, \"labelColumn\": k, \"classes\": n}"
                        + " or {\"fashion-mnist\": {\"limit\": n, \"testLimit\": n, \"dir\": path}})");
            };
        }
        Fields f = root.object("dataset");
        if (f.has(DataSpec.FASHION_MNIST)) {
            f.allowOnly(DataSpec.FASHION_MNIST);
            Fields m = f.object(DataSpec.FASHION_MNIST);
            m.allowOnly("limit", "testLimit", "dir");
            return DataSpec.fashionMnist(m.has("dir") ? m.text("dir") : null, m.has("limit") ? m.positive("limit") : 0,
                    m.has("testLimit") ? m.positive("testLimit") : 0);
        }
        f.allowOnly("csv", "labelColumn", "classes");
        return DataSpec.csv(f.text("csv"), f.integer("labelColumn"), f.integer("classes"));
    }

    private static NetworkSpec network(Fields f, NetworkSpec d) {
        f.allowOnly("layers", "loss", "weightInit", "updater", "regularization", "gradientNormalization", "inputType");
        List<LayerSpec> layers = f.has("layers") ? layers(f) : d.layers();
        LossType loss = f.has("loss") ? f.enumValue("loss", LossType.class, "loss") : d.loss();
        WeightInitSpec init = f.has("weightInit") ? weightInit(f) : d.weightInit();
        UpdaterSpec updater = f.has("updater") ? updater(f.object("updater"), d.updater()) : d.updater();
        RegularizationSpec reg = f.has("regularization") ? regularization(f.object("regularization")) : d.regularization();
        GradientNormalizationSpec norm = f.has("gradientNormalization")
                ? gradientNormalization(f.object("gradientNormalization")) : d.gradientNormalization();
        InputShape input = d.input();
        if (f.has("inputType")) {
            Fields t = f.object("inputType");
            t.allowOnly("height", "width", "channels");
            input = new InputShape(t.positive("height"), t.positive("width"), t.positive("channels"));
        }
        return new NetworkSpec(layers, loss, init, updater, reg, norm, input);
    }

    private static List<LayerSpec> layers(Fields f) {
        List<Fields> items = f.array("layers");
        List<LayerSpec> layers = new ArrayList<>();
        for (Fields l : items) {
            LayerType type = l.has("type") ? layerType(l) : LayerType.DENSE;
            switch (type) {
                case DENSE -> l.allowOnly("type", "nIn", "nOut", "activation", "weightInit", "updater", "regularization",
                        "gradientNormalization", "dropout");
                case CONVOLUTION -> l.allowOnly("type", "nIn", "nOut", "activation", "weightInit", "updater", "regularization",
                        "kernel", "stride", "padding", "convolutionMode");
                case SUBSAMPLING -> l.allowOnly("type", "nIn", "nOut", "pooling", "kernel", "stride", "padding", "convolutionMode");
                case BATCH_NORMALIZATION -> l.allowOnly("type", "nIn", "nOut", "updater");
            }
            int nIn = l.integer("nIn");
            boolean windowed = type == LayerType.CONVOLUTION || type == LayerType.SUBSAMPLING;
            layers.add(new LayerSpec(nIn, type == LayerType.DENSE || type == LayerType.CONVOLUTION || l.has("nOut")
                    ? l.integer("nOut") : nIn,
                    l.has("activation") || type == LayerType.DENSE || type == LayerType.CONVOLUTION
                            ? l.enumValue("activation", ActivationType.class, "activation") : ActivationType.IDENTITY,
                    l.has("weightInit") ? weightInit(l) : null,
                    l.has("updater") ? updater(l.object("updater"), null) : null,
                    l.has("regularization") ? regularization(l.object("regularization")) : null,
                    l.has("gradientNormalization") ? gradientNormalization(l.object("gradientNormalization")) : null,
                    l.has("dropout") ? dropout(l) : null, type, windowed ? window(l, type) : null));
        }
        return layers;
    }

    /**
     * A convolution's or pooling layer's window: "kernel" [h, w] (required), "stride" (DL4J's builder default: [1, 1]
     * for a convolution, [2, 2] for pooling), "padding" (default [0, 0]), "convolutionMode" (TRUNCATE, DL4J's global
     * default, or SAME) and, for pooling, "pooling" (MAX, the builder's default, or AVG).
     */
    private static WindowSpec window(Fields l, LayerType type) {
        int[] kernel = pair(l, "kernel", null);
        int[] stride = pair(l, "stride", type == LayerType.SUBSAMPLING ? new int[] {2, 2} : new int[] {1, 1});
        int[] padding = pair(l, "padding", new int[] {0, 0});
        if (kernel[0] < 1 || kernel[1] < 1 || stride[0] < 1 || stride[1] < 1) {
            throw l.error(kernel[0] < 1 || kernel[1] < 1 ? "kernel" : "stride", "must be at least 1 in both directions");
        }
        if (padding[0] < 0 || padding[1] < 0) {
            throw l.error("padding", "must not be negative");
        }
        WindowSpec.Mode mode = l.has("convolutionMode")
                ? l.enumValue("convolutionMode", WindowSpec.Mode.class, "convolution mode") : WindowSpec.Mode.TRUNCATE;
        WindowSpec.Pooling pooling = type != LayerType.SUBSAMPLING ? null
                : l.has("pooling") ? l.enumValue("pooling", WindowSpec.Pooling.class, "pooling type") : WindowSpec.Pooling.MAX;
        return new WindowSpec(kernel[0], kernel[1], stride[0], stride[1], padding[0], padding[1], mode, pooling);
    }

    /** [rows, columns] from a two-number array, or {@code otherwise} when absent (null: required). */
    private static int[] pair(Fields l, String key, int[] otherwise) {
        if (!l.has(key)) {
            if (otherwise == null) {
                throw l.error(key, "required: [rows, columns], e.g. [5, 5]");
            }
            return otherwise;
        }
        JsonNode v = l.required(key);
        if (!v.isArray() || v.size() != 2 || !v.get(0).canConvertToInt() || !v.get(1).canConvertToInt()
                || !v.get(0).isIntegralNumber() || !v.get(1).isIntegralNumber()) {
            throw l.error(key, "expected two whole numbers [rows, columns], got " + v);
        }
        return new int[] {v.get(0).intValue(), v.get(1).intValue()};
    }

    /** A keep probability ({@code 0.8}: DL4J's Dropout(p)) or a typed object ({@code {"type": "GAUSSIAN_NOISE", "stddev": 0.05}}). */
    private static DropoutSpec dropout(Fields l) {
        JsonNode v = l.required("dropout");
        if (v.isNumber()) {
            return new DropoutSpec.Dropout(v.doubleValue());
        }
        if (!v.isObject()) {
            throw l.error("dropout", "expected a keep probability such as 0.8 or an object such as"
                    + " {\"type\": \"GAUSSIAN_DROPOUT\", \"rate\": 0.1}, got " + v);
        }
        Fields d = l.object("dropout");
        DropoutSpec.Kind kind = d.enumValue("type", DropoutSpec.Kind.class, "dropout type");
        d.allowOnly("type", kind.parameter());
        return DropoutSpec.of(kind, d.number(kind.parameter()));
    }

    /** DL4J layer types lockstep knows of but whose engine side does not exist. */
    private static final List<String> UNSUPPORTED_LAYERS = List.of("CONVOLUTION1D", "CONVOLUTION3D", "POOLING", "LSTM",
            "GRAVES_LSTM", "SIMPLE_RNN", "RNN_OUTPUT", "EMBEDDING", "DROPOUT", "ACTIVATION", "LOCAL_RESPONSE_NORMALIZATION",
            "AUTOENCODER", "VARIATIONAL_AUTOENCODER", "GLOBAL_POOLING", "SELF_ATTENTION", "CNN_LOSS", "LOSS",
            "CENTER_LOSS_OUTPUT", "PRELU", "DEPTHWISE_CONVOLUTION2D", "SEPARABLE_CONVOLUTION2D", "DECONVOLUTION2D");

    /**
     * A layer's "type": dense (or output), convolution, subsampling or batchNormalization, in any case and with - or _;
     * any other DL4J layer is refused by name, never miscomputed.
     */
    private static LayerType layerType(Fields l) {
        String type = l.text("type").toUpperCase(java.util.Locale.ROOT).replace('-', '_');
        switch (type) {
            case "DENSE", "OUTPUT" -> {
                return LayerType.DENSE;
            }
            case "CONVOLUTION", "CONVOLUTION2D" -> {
                return LayerType.CONVOLUTION;
            }
            case "SUBSAMPLING" -> {
                return LayerType.SUBSAMPLING;
            }
            case "BATCHNORMALIZATION", "BATCH_NORMALIZATION" -> {
                return LayerType.BATCH_NORMALIZATION;
            }
            default -> {
            }
        }
        if (UNSUPPORTED_LAYERS.contains(type)) {
            throw l.error("type", type + " layers are not supported: lockstep has dense, convolution, subsampling and"
                    + " batchNormalization layers (the last one dense: the output layer)");
        }
        throw l.error("type", "unknown layer type \"" + l.text("type") + "\" (lockstep supports dense, convolution,"
                + " subsampling, batchNormalization)");
    }

    /**
     * An updater object: its type (when absent, the type of {@code base}), the learning rate and the
     * hyperparameters that type uses; anything not given takes DL4J's default for the type.
     */
    private static UpdaterSpec updater(Fields u, UpdaterSpec base) {
        if (base == null && !u.has("type")) {
            throw u.error("type", "missing required field");
        }
        UpdaterType type = u.has("type") ? u.enumValue("type", UpdaterType.class, "updater") : base.type();
        UpdaterSpec spec = base != null && base.type() == type ? base : type.defaults();
        List<String> allowed = new ArrayList<>(List.of("type"));
        if (type.hasLearningRate()) {
            allowed.add("learningRate");
            allowed.add("schedule");
        }
        allowed.addAll(spec.usedHyperparameters());
        u.allowOnly(allowed.toArray(String[]::new));
        if (u.has("schedule")) {
            spec = spec.withSchedule(schedule(u.object("schedule")));
        }
        if (u.has("learningRate")) {
            spec = spec.withLearningRate(u.number("learningRate"));
        }
        for (String h : spec.usedHyperparameters()) {
            if (u.has(h)) {
                spec = spec.with(h, u.number(h));
            }
        }
        return spec;
    }

    /** {"type": "STEP", "unit": "ITERATION", "decayRate": 0.5, "step": 10} and the like; see {@link ScheduleSpec}. */
    private static ScheduleSpec schedule(Fields f) {
        ScheduleSpec.Kind kind = f.enumValue("type", ScheduleSpec.Kind.class, "schedule");
        ScheduleSpec.Unit unit = f.has("unit") ? f.enumValue("unit", ScheduleSpec.Unit.class, "schedule unit")
                : ScheduleSpec.Unit.ITERATION;
        ScheduleSpec probe = new ScheduleSpec(kind, unit, 0, 0, 0, 0, 0, 0, null);
        List<String> allowed = new ArrayList<>(List.of("type", "unit"));
        allowed.addAll(probe.fields());
        f.allowOnly(allowed.toArray(String[]::new));
        java.util.SortedMap<Integer, Double> values = new java.util.TreeMap<>();
        if (kind == ScheduleSpec.Kind.MAP) {
            Fields map = f.object("values");
            map.node.fieldNames().forEachRemaining(k -> {
                try {
                    values.put(Integer.parseInt(k), map.number(k));
                } catch (NumberFormatException e) {
                    throw map.error(k, "keys of a MAP schedule are iteration or epoch numbers, got \"" + k + "\"");
                }
            });
        }
        return new ScheduleSpec(kind, unit,
                kind == ScheduleSpec.Kind.STEP ? f.number("decayRate") : 0,
                kind == ScheduleSpec.Kind.STEP ? f.number("step") : 0,
                probe.fields().contains("gamma") ? f.number("gamma") : 0,
                probe.fields().contains("power") ? f.number("power") : 0,
                kind == ScheduleSpec.Kind.POLY ? f.integer("maxIter") : 0,
                kind == ScheduleSpec.Kind.SIGMOID ? f.integer("stepSize") : 0,
                values);
    }

    private static RegularizationSpec regularization(Fields r) {
        r.allowOnly(RegularizationSpec.FIELDS);
        RegularizationSpec spec = RegularizationSpec.NONE;
        for (String field : RegularizationSpec.FIELDS) {
            if (r.has(field)) {
                spec = spec.with(field, r.number(field));
            }
        }
        return spec;
    }

    private static GradientNormalizationSpec gradientNormalization(Fields g) {
        g.allowOnly("type", "threshold");
        return new GradientNormalizationSpec(g.enumValue("type", GradientNormalization.class, "gradient normalization"),
                g.has("threshold") ? g.number("threshold") : GradientNormalizationSpec.NONE.threshold());
    }

    /** A scheme name ({@code "XAVIER"}) or a distribution object ({@code {"distribution": "normal", "mean": 0, "std": 0.5}}). */
    private static WeightInitSpec weightInit(Fields f) {
        JsonNode v = f.required("weightInit");
        if (v.isObject()) {
            return distribution(f.object("weightInit"));
        }
        if (!v.isTextual()) {
            throw f.error("weightInit", "expected a scheme name such as \"XAVIER\" or a distribution object such as"
                    + " {\"distribution\": \"normal\", \"mean\": 0, \"std\": 0.5}, got " + v);
        }
        return f.enumValue("weightInit", WeightInit.class, "weight init");
    }

    private static WeightDistribution distribution(Fields d) {
        String kind = d.text("distribution");
        switch (kind.toLowerCase(Locale.ROOT)) {
            case NORMAL, TRUNCATED_NORMAL -> {
                d.allowOnly("distribution", "mean", "std");
                double mean = d.has("mean") ? d.number("mean") : 0.0;
                double std = d.number("std");
                return kind.equalsIgnoreCase(NORMAL) ? new WeightDistribution.Normal(mean, std)
                        : new WeightDistribution.TruncatedNormal(mean, std);
            }
            case UNIFORM -> {
                d.allowOnly("distribution", "lower", "upper");
                return new WeightDistribution.Uniform(d.number("lower"), d.number("upper"));
            }
            default -> throw d.error("distribution", "unknown distribution \"" + kind + "\" (known: "
                    + NORMAL + ", " + UNIFORM + ", " + TRUNCATED_NORMAL + ")");
        }
    }

    private static TrainingSpec training(Fields f, TrainingSpec d) {
        f.allowOnly("batchSize", "epochs", "seed", "dataType", "dropLast", "shuffle", "validation", "earlyStopping");
        return new TrainingSpec(
                f.has("batchSize") ? f.integer("batchSize") : d.batchSize(),
                f.has("epochs") ? f.integer("epochs") : d.epochs(),
                f.has("seed") ? f.longInteger("seed") : d.seed(),
                f.has("dataType") ? f.enumValue("dataType", DType.class, "data type") : d.dataType(),
                f.has("dropLast") ? f.bool("dropLast") : d.dropLast(),
                f.has("shuffle") ? f.bool("shuffle") : d.shuffle(),
                f.has("validation") ? validation(f.object("validation")) : d.validation(),
                f.has("earlyStopping") ? earlyStopping(f.object("earlyStopping")) : d.earlyStopping());
    }

    /** {@code {"fraction": 0.2}} or {@code {"csv": "path"}}. */
    private static ValidationSpec validation(Fields v) {
        v.allowOnly("fraction", "csv");
        if (v.has("fraction") == v.has("csv")) {
            throw new LockstepException(v.source + ": " + v.path + ": give either \"fraction\" (a seeded hold-out of the"
                    + " dataset) or \"csv\" (a validation file), not " + (v.has("csv") ? "both" : "neither"));
        }
        return v.has("fraction") ? ValidationSpec.fraction(v.number("fraction")) : ValidationSpec.csv(v.text("csv"));
    }

    /** {@code {"patience": 5, "minDelta": 0.001, "evaluateEvery": 1}}; minDelta defaults to 0, evaluateEvery to 1. */
    private static EarlyStoppingSpec earlyStopping(Fields e) {
        e.allowOnly("patience", "minDelta", "evaluateEvery");
        return new EarlyStoppingSpec(e.integer("patience"), e.has("minDelta") ? e.number("minDelta") : 0.0,
                e.has("evaluateEvery") ? e.integer("evaluateEvery") : 1);
    }

    /** The spec as pretty-printed JSON that {@link #parse} reads back to an equal spec. */
    public static String write(RunSpec spec) {
        ObjectNode root = MAPPER.createObjectNode();
        DataSpec data = spec.data();
        if (DataSpec.IRIS.equals(data.source())) {
            root.put("dataset", DataSpec.IRIS);
        } else if (data.isFashionMnist()) {
            if (data.path() == null && data.limit() == 0 && data.testLimit() == 0) {
                root.put("dataset", DataSpec.FASHION_MNIST);
            } else {
                ObjectNode m = root.putObject("dataset").putObject(DataSpec.FASHION_MNIST);
                if (data.limit() > 0) {
                    m.put("limit", data.limit());
                }
                if (data.testLimit() > 0) {
                    m.put("testLimit", data.testLimit());
                }
                if (data.path() != null) {
                    m.put("dir", data.path());
                }
            }
        } else {
            ObjectNode d = root.putObject("dataset");
            d.put("csv", data.path());
            d.put("labelColumn", data.labelColumn());
            d.put("classes", data.classes());
        }
        NetworkSpec net = spec.network();
        ObjectNode n = root.putObject("network");
        ArrayNode layers = n.putArray("layers");
        for (LayerSpec l : net.layers()) {
            ObjectNode o = layers.addObject();
            if (!l.isDense()) {
                o.put("type", l.type().jsonName());
            }
            o.put("nIn", l.nIn());
            o.put("nOut", l.nOut());
            if (l.isDense() || l.type() == LayerType.CONVOLUTION) {
                o.put("activation", l.activation().name());
            }
            if (l.window() != null) {
                WindowSpec w = l.window();
                if (w.pooling() != null) {
                    o.put("pooling", w.pooling().name());
                }
                o.putArray("kernel").add(w.kernelH()).add(w.kernelW());
                o.putArray("stride").add(w.strideH()).add(w.strideW());
                o.putArray("padding").add(w.padH()).add(w.padW());
                o.put("convolutionMode", w.mode().name());
            }
            if (l.weightInit() != null) {
                o.set("weightInit", weightInitJson(l.weightInit()));
            }
            if (l.updater() != null) {
                writeUpdater(o.putObject("updater"), l.updater());
            }
            if (l.regularization() != null) {
                writeRegularization(o.putObject("regularization"), l.regularization());
            }
            if (l.gradientNormalization() != null) {
                writeGradientNormalization(o.putObject("gradientNormalization"), l.gradientNormalization());
            }
            if (l.dropout() instanceof DropoutSpec.Dropout d) {
                o.put("dropout", d.p());                     // the plain form
            } else if (l.dropout() != null) {
                o.putObject("dropout").put("type", l.dropout().kind().name()).put(l.dropout().kind().parameter(),
                        l.dropout().value());
            }
        }
        if (net.input() != null) {
            n.putObject("inputType").put("height", net.input().height()).put("width", net.input().width())
                    .put("channels", net.input().channels());
        }
        n.put("loss", net.loss().name());
        n.set("weightInit", weightInitJson(net.weightInit()));
        writeUpdater(n.putObject("updater"), net.updater());
        if (!net.regularization().isEmpty()) {
            writeRegularization(n.putObject("regularization"), net.regularization());
        }
        if (!net.gradientNormalization().equals(GradientNormalizationSpec.NONE)) {
            writeGradientNormalization(n.putObject("gradientNormalization"), net.gradientNormalization());
        }
        TrainingSpec t = spec.training();
        ObjectNode tr = root.putObject("training");
        tr.put("batchSize", t.batchSize());
        tr.put("epochs", t.epochs());
        tr.put("seed", t.seed());
        tr.put("dataType", t.dataType().name());
        if (t.dropLast()) {
            tr.put("dropLast", true);
        }
        if (!t.shuffle()) {
            tr.put("shuffle", false);
        }
        if (t.validation() != null) {
            ObjectNode v = tr.putObject("validation");
            if (t.validation().isSplit()) {
                v.put("fraction", t.validation().fraction());
            } else {
                v.put("csv", t.validation().csv());
            }
        }
        if (t.earlyStopping() != null) {
            tr.putObject("earlyStopping").put("patience", t.earlyStopping().patience())
                    .put("minDelta", t.earlyStopping().minDelta()).put("evaluateEvery", t.earlyStopping().evaluateEvery());
        }
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void writeUpdater(ObjectNode u, UpdaterSpec spec) {
        u.put("type", spec.type().name());
        if (spec.type().hasLearningRate()) {
            u.put("learningRate", spec.learningRate());
        }
        for (String h : spec.usedHyperparameters()) {
            u.put(h, spec.hyperparameter(h));
        }
        if (spec.schedule() != null) {
            ScheduleSpec sc = spec.schedule();
            ObjectNode o = u.putObject("schedule");
            o.put("type", sc.kind().name());
            o.put("unit", sc.unit().name());
            for (String field : sc.fields()) {
                switch (field) {
                    case "decayRate" -> o.put(field, sc.decayRate());
                    case "step" -> o.put(field, sc.step());
                    case "gamma" -> o.put(field, sc.gamma());
                    case "power" -> o.put(field, sc.power());
                    case "maxIter" -> o.put(field, sc.maxIter());
                    case "stepSize" -> o.put(field, sc.stepSize());
                    default -> {
                        ObjectNode v = o.putObject("values");
                        sc.values().forEach((k, val) -> v.put(String.valueOf(k), val));
                    }
                }
            }
        }
    }

    private static void writeRegularization(ObjectNode r, RegularizationSpec spec) {
        for (String field : RegularizationSpec.FIELDS) {
            if (spec.get(field) != null) {
                r.put(field, spec.get(field));
            }
        }
    }

    private static void writeGradientNormalization(ObjectNode g, GradientNormalizationSpec spec) {
        g.put("type", spec.type().name());
        g.put("threshold", spec.threshold());
    }

    private static JsonNode weightInitJson(WeightInitSpec init) {
        if (init instanceof WeightInit scheme) {
            return MAPPER.getNodeFactory().textNode(scheme.name());
        }
        ObjectNode o = MAPPER.createObjectNode();
        if (init instanceof WeightDistribution.Normal n) {
            o.put("distribution", NORMAL).put("mean", n.mean()).put("std", n.std());
        } else if (init instanceof WeightDistribution.TruncatedNormal t) {
            o.put("distribution", TRUNCATED_NORMAL).put("mean", t.mean()).put("std", t.std());
        } else if (init instanceof WeightDistribution.Uniform u) {
            o.put("distribution", UNIFORM).put("lower", u.lower()).put("upper", u.upper());
        } else {
            throw new IllegalStateException("unknown weight init " + init);
        }
        return o;
    }

    /** A JSON object at a known path, with typed accessors whose errors name that path. */
    private static final class Fields {
        final JsonNode node;
        final String path;
        final String source;

        Fields(JsonNode node, String path, String source) {
            this.node = node;
            this.path = path;
            this.source = source;
        }

        String at(String key) {
            return path.isEmpty() ? key : path + "." + key;
        }

        LockstepException error(String key, String message) {
            return new LockstepException(source + ": " + at(key) + ": " + message);
        }

        boolean has(String key) {
            return node.has(key) && !node.get(key).isNull();
        }

        void allowOnly(String... keys) {
            List<String> allowed = List.of(keys);
            node.fieldNames().forEachRemaining(k -> {
                if (!allowed.contains(k)) {
                    throw new LockstepException(source + ": " + (path.isEmpty() ? "top level" : path)
                            + ": unknown field \"" + k + "\" (known: " + String.join(", ", allowed) + ")");
                }
            });
        }

        JsonNode required(String key) {
            if (!has(key)) {
                throw error(key, "missing required field");
            }
            return node.get(key);
        }

        Fields object(String key) {
            JsonNode v = required(key);
            if (!v.isObject()) {
                throw error(key, "expected a JSON object, got " + v);
            }
            return new Fields(v, at(key), source);
        }

        List<Fields> array(String key) {
            JsonNode v = required(key);
            if (!v.isArray()) {
                throw error(key, "expected a JSON array, got " + v);
            }
            List<Fields> out = new ArrayList<>();
            for (int i = 0; i < v.size(); i++) {
                if (!v.get(i).isObject()) {
                    throw new LockstepException(source + ": " + at(key) + "[" + i + "]: expected a JSON object, got " + v.get(i));
                }
                out.add(new Fields(v.get(i), at(key) + "[" + i + "]", source));
            }
            return out;
        }

        String text(String key) {
            JsonNode v = required(key);
            if (!v.isTextual()) {
                throw error(key, "expected a string, got " + v);
            }
            return v.asText();
        }

        int integer(String key) {
            JsonNode v = required(key);
            if (!v.isIntegralNumber() || !v.canConvertToInt()) {
                throw error(key, "expected a whole number, got " + v);
            }
            return v.intValue();
        }

        int positive(String key) {
            int v = integer(key);
            if (v < 1) {
                throw error(key, "must be at least 1, got " + v);
            }
            return v;
        }

        boolean bool(String key) {
            JsonNode v = required(key);
            if (!v.isBoolean()) {
                throw error(key, "expected true or false, got " + v);
            }
            return v.booleanValue();
        }

        long longInteger(String key) {
            JsonNode v = required(key);
            if (!v.isIntegralNumber() || !v.canConvertToLong()) {
                throw error(key, "expected a whole number, got " + v);
            }
            return v.longValue();
        }

        double number(String key) {
            JsonNode v = required(key);
            if (!v.isNumber()) {
                throw error(key, "expected a number, got " + v);
            }
            return v.doubleValue();
        }

        <E extends Enum<E>> E enumValue(String key, Class<E> type, String what) {
            String name = text(key);
            return parseEnum(name, type, what, source + ": " + at(key));
        }
    }

    /** Parses an enum constant by name (case-insensitive); the error lists the known names. */
    public static <E extends Enum<E>> E parseEnum(String name, Class<E> type, String what, String where) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(name)) {
                return e;
            }
        }
        List<String> known = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            known.add(e.name());
        }
        throw new LockstepException(where + ": unknown " + what + " \"" + name + "\" (known: "
                + String.join(", ", known) + ")");
    }
}
