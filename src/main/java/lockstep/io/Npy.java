package lockstep.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lockstep.LockstepException;

/**
 * Reads and writes NumPy {@code .npy} files (format version 1.0, as {@code numpy.save} writes them):
 * <pre>
 *   bytes 0-5   magic "\x93NUMPY"
 *   bytes 6-7   format version: 1, 0
 *   bytes 8-9   header length HLEN, unsigned little-endian
 *   HLEN bytes  an ASCII Python dict literal, e.g. {'descr': '&lt;f8', 'fortran_order': False, 'shape': (4, 16), }
 *               padded with spaces and ended by '\n' so that the data starts at a multiple of 64
 *   the rest    the elements, C order, little-endian
 * </pre>
 * The types are {@code <f8}, {@code <f4}, {@code <i4} and {@code <i8}. The reader also takes the
 * header of format versions 2.0 and 3.0 (a 4-byte header length) and refuses, naming the file, a
 * bad magic, another dtype, Fortran order, and a data size that does not match the shape.
 */
public final class Npy {
    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** NumPy aligns the data to this many bytes. */
    static final int ALIGN = 64;

    private Npy() {
    }

    /** The complete file contents for {@code array}. */
    public static byte[] encode(NpyArray array) {
        String dict = "{'descr': '" + array.type().descr() + "', 'fortran_order': False, 'shape': "
                + NpyArray.pythonShape(array.shape()) + ", }";
        int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
        int padding = (ALIGN - unpadded % ALIGN) % ALIGN;
        String header = dict + " ".repeat(padding) + "\n";
        byte[] data = array.dataBytes();
        ByteBuffer b = ByteBuffer.allocate(MAGIC.length + 4 + header.length() + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
        b.put(header.getBytes(StandardCharsets.US_ASCII)).put(data);
        return b.array();
    }

    /** Writes {@code array} to {@code file} atomically (a temporary file renamed into place). */
    public static void write(Path file, NpyArray array) {
        AtomicFiles.write(file, encode(array));
    }

    /** Reads a {@code .npy} file; errors name the file. */
    public static NpyArray read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new LockstepException(file + ": file not found");
        } catch (IOException e) {
            throw new LockstepException(file + ": cannot read: " + e.getMessage());
        }
        return decode(bytes, file.toString());
    }

    /** Parses the contents of a {@code .npy} file; {@code source} names it in errors. */
    public static NpyArray decode(byte[] bytes, String source) {
        if (bytes.length < MAGIC.length + 4) {
            throw bad(source, "too short for a .npy file (" + bytes.length + " bytes)");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes[i] != MAGIC[i]) {
                throw bad(source, "not a .npy file (no \\x93NUMPY magic)");
            }
        }
        int major = bytes[6] & 0xff;
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength;
        int headerStart;
        switch (major) {
            case 1 -> {
                headerLength = b.getShort(8) & 0xffff;
                headerStart = 10;
            }
            case 2, 3 -> {
                if (bytes.length < 12) {
                    throw bad(source, "too short for a .npy file (" + bytes.length + " bytes)");
                }
                headerLength = b.getInt(8) & 0xffffffffL;
                headerStart = 12;
            }
            default -> throw bad(source, ".npy format version " + major + "." + (bytes[7] & 0xff)
                    + " is not supported (lockstep reads 1.0, 2.0 and 3.0)");
        }
        if (headerStart + headerLength > bytes.length) {
            throw bad(source, "header length " + headerLength + " runs past the end of the file");
        }
        String header = new String(bytes, headerStart, (int) headerLength,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Map<String, Object> dict = HeaderParser.parse(header, source);
        Object descr = dict.get("descr");
        Object fortran = dict.get("fortran_order");
        Object shapeValue = dict.get("shape");
        if (!(descr instanceof String d) || !(fortran instanceof Boolean f) || !(shapeValue instanceof int[] shape)) {
            throw bad(source, "header needs 'descr' (a string), 'fortran_order' (True/False) and 'shape' (a tuple), got "
                    + header.strip());
        }
        NpyType type = NpyType.ofDescr(d);
        if (type == null) {
            throw bad(source, "dtype '" + d + "' is not supported (lockstep reads " + NpyType.known() + ")");
        }
        if (f) {
            throw bad(source, "Fortran-order arrays are not supported (lockstep reads C order)");
        }
        int dataStart = (int) (headerStart + headerLength);
        long expected;
        try {
            expected = Math.multiplyExact(NpyArray.elementCount(shape), (long) type.size());
        } catch (ArithmeticException | IllegalArgumentException e) {
            throw bad(source, "shape " + NpyArray.pythonShape(shape) + " is not a valid array shape");
        }
        long actual = bytes.length - dataStart;
        if (actual != expected) {
            throw bad(source, "shape " + NpyArray.pythonShape(shape) + " of " + d + " needs " + expected
                    + " data bytes, the file has " + actual);
        }
        byte[] data = new byte[(int) actual];
        System.arraycopy(bytes, dataStart, data, 0, data.length);
        return NpyArray.ofBytes(type, shape, data);
    }

    private static LockstepException bad(String source, String problem) {
        return new LockstepException(source + ": " + problem);
    }

    /** Parses the header's Python dict literal: string, True/False and tuple-of-int values. */
    private static final class HeaderParser {
        private final String s;
        private final String source;
        private int pos;

        private HeaderParser(String s, String source) {
            this.s = s;
            this.source = source;
        }

        static Map<String, Object> parse(String header, String source) {
            HeaderParser p = new HeaderParser(header, source);
            Map<String, Object> dict = p.dict();
            p.skipSpace();
            if (p.pos != p.s.length()) {
                throw p.error("unexpected text after the header dict");
            }
            return dict;
        }

        private Map<String, Object> dict() {
            Map<String, Object> out = new LinkedHashMap<>();
            expect('{');
            while (true) {
                skipSpace();
                if (peek() == '}') {
                    pos++;
                    return out;
                }
                String key = string();
                skipSpace();
                expect(':');
                skipSpace();
                if (out.put(key, value()) != null) {
                    throw error("key '" + key + "' appears twice");
                }
                skipSpace();
                if (peek() == ',') {
                    pos++;
                } else if (peek() != '}') {
                    throw error("expected ',' or '}'");
                }
            }
        }

        private Object value() {
            char c = peek();
            if (c == '\'' || c == '"') {
                return string();
            }
            if (c == '(') {
                return tuple();
            }
            if (s.startsWith("True", pos)) {
                pos += 4;
                return Boolean.TRUE;
            }
            if (s.startsWith("False", pos)) {
                pos += 5;
                return Boolean.FALSE;
            }
            throw error("unsupported value");
        }

        private int[] tuple() {
            expect('(');
            List<Integer> dims = new ArrayList<>();
            while (true) {
                skipSpace();
                if (peek() == ')') {
                    pos++;
                    return dims.stream().mapToInt(Integer::intValue).toArray();
                }
                int start = pos;
                while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                    pos++;
                }
                if (start == pos) {
                    throw error("expected a dimension");
                }
                try {
                    dims.add(Integer.parseInt(s.substring(start, pos)));
                } catch (NumberFormatException e) {
                    throw error("dimension " + s.substring(start, pos) + " is too large");
                }
                if (s.startsWith("L", pos)) {
                    pos++;   // Python 2's long suffix
                }
                skipSpace();
                if (peek() == ',') {
                    pos++;
                } else if (peek() != ')') {
                    throw error("expected ',' or ')'");
                }
            }
        }

        private String string() {
            char quote = peek();
            if (quote != '\'' && quote != '"') {
                throw error("expected a quoted string");
            }
            int end = s.indexOf(quote, pos + 1);
            if (end < 0) {
                throw error("unterminated string");
            }
            String out = s.substring(pos + 1, end);
            pos = end + 1;
            return out;
        }

        private void expect(char c) {
            if (peek() != c) {
                throw error("expected '" + c + "'");
            }
            pos++;
        }

        private char peek() {
            if (pos >= s.length()) {
                throw error("header ends too early");
            }
            return s.charAt(pos);
        }

        private void skipSpace() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        private LockstepException error(String problem) {
            return new LockstepException(source + ": malformed .npy header at character " + pos + ": " + problem
                    + " in " + s.strip());
        }
    }
}
