package lockstep.external;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import lockstep.LockstepException;
import lockstep.io.Npy;
import lockstep.io.NpyArray;

/**
 * One message of the engine protocol: a line of JSON whose {@code type} says what it is and whose {@code arrays} lists
 * the NPY files that follow it, each with its length in bytes:
 * <pre>
 *   {"type": "step", "step": 1, ..., "arrays": [{"name": "features", "bytes": 640}, ...]}\n
 *   &lt;640 bytes: features.npy&gt; ...
 * </pre>
 */
public record EngineMessage(String type, ObjectNode fields, Map<String, NpyArray> arrays) {
    static final ObjectMapper JSON = new ObjectMapper();
    /** The longest header line read before the answer is called garbage. */
    static final int MAX_LINE = 1 << 20;

    /** A message of {@code type} with no fields and no arrays yet; add them with {@link #with} and {@link #withArray}. */
    public static EngineMessage of(String type) {
        return new EngineMessage(type, JSON.createObjectNode(), new LinkedHashMap<>());
    }

    /** Adds the JSON field {@code name}. Returns this message (modified). */
    public EngineMessage with(String name, JsonNode value) {
        fields.set(name, value);
        return this;
    }

    /** Adds the integer field {@code name}. Returns this message (modified). */
    public EngineMessage with(String name, long value) {
        fields.put(name, value);
        return this;
    }

    /** Adds the text field {@code name}. Returns this message (modified). */
    public EngineMessage with(String name, String value) {
        fields.put(name, value);
        return this;
    }

    /** Appends the array {@code name}. Returns this message (modified). */
    public EngineMessage withArray(String name, NpyArray array) {
        arrays.put(name, array);
        return this;
    }

    /** Writes the header line and the arrays to {@code out} and flushes it. */
    public void writeTo(OutputStream out) throws IOException {
        ObjectNode header = JSON.createObjectNode();
        header.put("type", type);
        header.setAll(fields);
        ArrayNode list = header.putArray("arrays");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Map.Entry<String, NpyArray> a : arrays.entrySet()) {
            byte[] file = Npy.encode(a.getValue());
            list.addObject().put("name", a.getKey()).put("bytes", file.length);
            body.write(file);
        }
        out.write(JSON.writeValueAsBytes(header));
        out.write('\n');
        body.writeTo(out);
        out.flush();
    }

    /**
     * Reads one message from {@code in}; {@code answering} (e.g. "step 3") names it in errors. Throws
     * {@link EOFException} when the stream ends before a header starts, and an {@link EngineFault} for anything that
     * is not a protocol message.
     */
    public static EngineMessage readFrom(InputStream in, String answering) throws IOException {
        String line = readLine(in, answering);
        JsonNode header;
        try {
            header = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            header = null;
        }
        if (header == null || !header.isObject() || !header.path("type").isTextual()) {
            throw new EngineFault("engine's answer to " + answering + " is not a protocol message: '" + shortened(line) + "'");
        }
        ObjectNode fields = ((ObjectNode) header).deepCopy();
        fields.remove("type");
        JsonNode list = fields.remove("arrays");
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        if (list != null) {
            if (!list.isArray()) {
                throw new EngineFault("engine's answer to " + answering + ": \"arrays\" must be a list, got " + shortened(list.toString()));
            }
            for (JsonNode a : list) {
                String name = a.path("name").asText("");
                long bytes = a.path("bytes").asLong(-1);
                if (name.isEmpty() || bytes < 0 || bytes > Integer.MAX_VALUE) {
                    throw new EngineFault("engine's answer to " + answering + ": each array needs a \"name\" and a"
                            + " \"bytes\" count, got " + shortened(a.toString()));
                }
                byte[] file = in.readNBytes((int) bytes);
                if (file.length < bytes) {
                    throw new EOFException(name);
                }
                try {
                    arrays.put(name, Npy.decode(file, name));
                } catch (LockstepException e) {
                    throw new EngineFault("engine's answer to " + answering + ": " + e.getMessage());
                }
            }
        }
        return new EngineMessage(header.get("type").asText(), fields, arrays);
    }

    private static String readLine(InputStream in, String answering) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b = in.read();
        if (b < 0) {
            throw new EOFException();
        }
        while (b >= 0 && b != '\n') {
            if (line.size() >= MAX_LINE) {
                throw new EngineFault("engine's answer to " + answering + " is not a protocol message: a line of more than "
                        + MAX_LINE + " bytes");
            }
            line.write(b);
            b = in.read();
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    /** At most 60 characters of {@code text} on one line, for an error message. */
    static String shortened(String text) {
        String one = text.strip().replaceAll("\\s+", " ");
        return one.length() <= 60 ? one : one.substring(0, 57) + "...";
    }
}
