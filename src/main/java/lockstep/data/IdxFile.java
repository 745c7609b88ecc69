package lockstep.data;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import lockstep.LockstepException;

/**
 * One IDX file of unsigned bytes (the MNIST / Fashion-MNIST format), gzip-compressed or plain:
 * <pre>
 *   magic      4 bytes  0x00 0x00 0x08 d     (0x08: unsigned bytes; d: number of dimensions)
 *   dims       d big-endian int32            e.g. 60000, 28, 28 for images; 60000 for labels
 *   data       dims[0]·…·dims[d-1] bytes     row-major, last dimension fastest
 * </pre>
 * A file whose first two bytes are gzip's 0x1f 0x8b is decompressed first, whatever its name.
 * Every error is a {@link LockstepException} naming the file and what is wrong with it.
 */
public final class IdxFile {
    /** IDX type code of unsigned bytes, the only one Fashion-MNIST uses. */
    public static final int UNSIGNED_BYTE = 0x08;

    private final Path file;
    private final int[] dimensions;
    private final byte[] bytes;
    private final int offset;

    private IdxFile(Path file, int[] dimensions, byte[] bytes, int offset) {
        this.file = file;
        this.dimensions = dimensions;
        this.bytes = bytes;
        this.offset = offset;
    }

    /**
     * Reads and checks {@code file}: an unsigned-byte IDX file of exactly {@code expectedDimensions}
     * dimensions whose data is exactly as long as its header declares.
     */
    public static IdxFile read(Path file, int expectedDimensions) {
        byte[] raw;
        try {
            raw = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new LockstepException(file + ": file not found");
        } catch (IOException e) {
            throw new LockstepException(file + ": cannot read: " + e.getMessage());
        }
        return parse(file, gunzipIfCompressed(file, raw), expectedDimensions);
    }

    private static byte[] gunzipIfCompressed(Path file, byte[] raw) {
        if (raw.length < 2 || (raw[0] & 0xff) != 0x1f || (raw[1] & 0xff) != 0x8b) {
            return raw;
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
            return in.readAllBytes();
        } catch (EOFException e) {
            throw new LockstepException(file + ": truncated gzip data (" + e.getMessage() + ")");
        } catch (ZipException e) {
            throw new LockstepException(file + ": corrupt gzip data (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new LockstepException(file + ": cannot decompress: " + e.getMessage());
        }
    }

    static IdxFile parse(Path file, byte[] b, int expectedDimensions) {
        int expectedMagic = (UNSIGNED_BYTE << 8) | expectedDimensions;
        String expected = String.format("0x%08X (unsigned-byte IDX with %d dimension%s)", expectedMagic,
                expectedDimensions, expectedDimensions == 1 ? "" : "s");
        if (b.length < 4) {
            throw new LockstepException(file + ": truncated: " + b.length + " bytes, shorter than the 4-byte IDX magic number");
        }
        int magic = readInt(b, 0);
        if (magic != expectedMagic) {
            throw new LockstepException(file + ": bad magic number " + String.format("0x%08X", magic) + ", expected "
                    + expected);
        }
        int header = 4 + 4 * expectedDimensions;
        if (b.length < header) {
            throw new LockstepException(file + ": truncated: " + b.length + " bytes, shorter than the " + header
                    + "-byte header of a " + expectedDimensions + "-dimensional IDX file");
        }
        int[] dims = new int[expectedDimensions];
        long size = 1;
        StringBuilder shape = new StringBuilder();
        for (int d = 0; d < expectedDimensions; d++) {
            dims[d] = readInt(b, 4 + 4 * d);
            if (dims[d] < 0) {
                throw new LockstepException(file + ": dimension " + d + " in the header is negative (" + dims[d] + ")");
            }
            size *= dims[d];
            shape.append(d == 0 ? "" : " x ").append(dims[d]);
        }
        long actual = (long) b.length - header;
        if (actual < size) {
            throw new LockstepException(file + ": truncated: the header declares " + shape + " = " + size
                    + " data bytes but only " + actual + " follow");
        }
        if (actual > size) {
            throw new LockstepException(file + ": " + (actual - size) + " bytes follow the " + size
                    + " data bytes the header declares (" + shape + "); not a well-formed IDX file");
        }
        return new IdxFile(file, dims, b, header);
    }

    private static int readInt(byte[] b, int at) {
        return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
    }

    public Path file() {
        return file;
    }

    /** The dimensions the header declares, e.g. {60000, 28, 28}. */
    public int[] dimensions() {
        return dimensions.clone();
    }

    /** The first dimension: the number of items (images or labels). */
    public int count() {
        return dimensions[0];
    }

    /** Bytes per item: the product of the dimensions after the first (1 for labels, 784 for 28x28 images). */
    public int itemSize() {
        int s = 1;
        for (int d = 1; d < dimensions.length; d++) {
            s *= dimensions[d];
        }
        return s;
    }

    /** Data byte {@code i} (row-major over all dimensions) as an unsigned value 0..255. */
    public int unsigned(int i) {
        return bytes[offset + i] & 0xff;
    }
}
