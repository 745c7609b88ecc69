package lockstep.data;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small IDX files for tests, well-formed or deliberately broken. */
final class IdxWriter {
    private IdxWriter() {
    }

    /** The bytes of an unsigned-byte IDX file: magic 0x0000 08 d, the dimensions, then {@code data}. */
    static byte[] idx(int[] dims, byte[] data) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);   // big-endian, as IDX is
            out.writeInt(0x0800 | dims.length);
            for (int d : dims) {
                out.writeInt(d);
            }
            out.write(data);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] gzip(byte[] plain) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (OutputStream out = new GZIPOutputStream(bytes)) {
                out.write(plain);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path write(Path file, byte[] content) throws IOException {
        Files.write(file, content);
        return file;
    }

    /** {@code n} images of rows x cols with pixel (e, i) = (e * 7 + i) mod 256, and labels e mod 10. */
    static void writeSplit(Path dir, String prefix, int n, int rows, int cols, boolean gzip) throws IOException {
        byte[] pixels = new byte[n * rows * cols];
        for (int e = 0; e < n; e++) {
            for (int i = 0; i < rows * cols; i++) {
                pixels[e * rows * cols + i] = (byte) ((e * 7 + i) % 256);
            }
        }
        byte[] labels = new byte[n];
        for (int e = 0; e < n; e++) {
            labels[e] = (byte) (e % 10);
        }
        byte[] images = idx(new int[] {n, rows, cols}, pixels);
        byte[] labelFile = idx(new int[] {n}, labels);
        String suffix = gzip ? ".gz" : "";
        write(dir.resolve(prefix + "-images-idx3-ubyte" + suffix), gzip ? gzip(images) : images);
        write(dir.resolve(prefix + "-labels-idx1-ubyte" + suffix), gzip ? gzip(labelFile) : labelFile);
    }
}
