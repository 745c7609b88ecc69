package lockstep.data;

import static lockstep.data.IdxWriter.gzip;
import static lockstep.data.IdxWriter.idx;
import static lockstep.data.IdxWriter.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import lockstep.LockstepException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The IDX reader and Fashion-MNIST loader on small files this test writes, well-formed and broken. */
class FashionMnistTest {
    @TempDir
    Path dir;

    private static String error(Runnable r) {
        String m = assertThrows(LockstepException.class, r::run).getMessage();
        assertEquals(1, m.lines().count(), m);
        return m;
    }

    @Test
    void readsGzipAndPlainFilesAlikeWithPixelsScaledToUnitInterval() throws IOException {
        Path gz = dir.resolve("gz");
        Path plain = dir.resolve("plain");
        java.nio.file.Files.createDirectories(gz);
        java.nio.file.Files.createDirectories(plain);
        IdxWriter.writeSplit(gz, "train", 12, 2, 3, true);
        IdxWriter.writeSplit(plain, "train", 12, 2, 3, false);
        Dataset a = FashionMnist.load(gz, FashionMnist.Split.TRAIN, 0);
        Dataset b = FashionMnist.load(plain, FashionMnist.Split.TRAIN, 0);
        assertEquals(12, a.size());
        assertEquals(6, a.featureCount());
        assertEquals(10, a.classCount());
        for (int e = 0; e < 12; e++) {
            assertEquals(e % 10, a.classOf(e));
            for (int i = 0; i < 6; i++) {
                assertEquals(((e * 7 + i) % 256) / 255.0, a.feature(e, i));
                assertEquals(a.feature(e, i), b.feature(e, i));
            }
        }
        assertEquals("fashion-mnist train", a.name());
    }

    @Test
    void theExtremePixelValuesMapToZeroAndOne() throws IOException {
        write(dir.resolve("i"), idx(new int[] {1, 1, 3}, new byte[] {0, (byte) 128, (byte) 255}));
        write(dir.resolve("l"), idx(new int[] {1}, new byte[] {3}));
        Dataset d = FashionMnist.read(dir.resolve("i"), dir.resolve("l"), "t", 0);
        assertEquals(0.0, d.feature(0, 0));
        assertEquals(128 / 255.0, d.feature(0, 1));
        assertEquals(1.0, d.feature(0, 2));
    }

    @Test
    void aLimitTakesTheFirstExamples() throws IOException {
        IdxWriter.writeSplit(dir, "t10k", 20, 2, 2, true);
        Dataset all = FashionMnist.load(dir, FashionMnist.Split.TEST, 0);
        Dataset first = FashionMnist.load(dir, FashionMnist.Split.TEST, 5);
        assertEquals(5, first.size());
        for (int e = 0; e < 5; e++) {
            assertEquals(all.classOf(e), first.classOf(e));
            assertEquals(all.feature(e, 3), first.feature(e, 3));
        }
        String m = error(() -> FashionMnist.load(dir, FashionMnist.Split.TEST, 21));
        assertTrue(m.contains("cannot take the first 21 examples") && m.contains("holds 20"), m);
    }

    @Test
    void idxHeaderDimensionsAndCountsAreRead() throws IOException {
        Path f = write(dir.resolve("x.gz"), gzip(idx(new int[] {4, 2, 5}, new byte[40])));
        IdxFile idx = IdxFile.read(f, 3);
        assertArrayEquals(new int[] {4, 2, 5}, idx.dimensions());
        assertEquals(4, idx.count());
        assertEquals(10, idx.itemSize());
    }

    @Test
    void aMissingFileIsNamed() {
        Path f = dir.resolve("nope-idx1-ubyte.gz");
        assertEquals(f + ": file not found", error(() -> IdxFile.read(f, 1)));
    }

    @Test
    void aMissingDataDirectorySaysToInstallThePackage() {
        Path missing = dir.resolve("no-such-dir");
        String m = error(() -> FashionMnist.load(missing, FashionMnist.Split.TRAIN, 0));
        assertTrue(m.startsWith("fashion-mnist: data directory " + missing + " not found"), m);
        assertTrue(m.contains("apt-get install -y dataset-fashion-mnist") && m.contains("--data-dir"), m);
    }

    @Test
    void aMissingFileInTheDataDirectoryIsNamed() throws IOException {
        IdxWriter.writeSplit(dir, "train", 3, 2, 2, true);
        java.nio.file.Files.delete(dir.resolve("train-labels-idx1-ubyte.gz"));
        String m = error(() -> FashionMnist.load(dir, FashionMnist.Split.TRAIN, 0));
        assertTrue(m.startsWith(dir.resolve("train-labels-idx1-ubyte.gz") + ": file not found (nor "
                + dir.resolve("train-labels-idx1-ubyte") + ")"), m);
    }

    @Test
    void aBadMagicNumberIsNamedWithTheExpectedOne() throws IOException {
        byte[] bytes = idx(new int[] {2, 2, 2}, new byte[8]);
        bytes[2] = 0x0D;                                   // float data instead of unsigned bytes
        Path f = write(dir.resolve("images"), bytes);
        assertEquals(f + ": bad magic number 0x00000D03, expected 0x00000803 (unsigned-byte IDX with 3 dimensions)",
                error(() -> IdxFile.read(f, 3)));
        Path labels = write(dir.resolve("labels"), idx(new int[] {2}, new byte[2]));
        assertTrue(error(() -> IdxFile.read(labels, 3)).contains("bad magic number 0x00000801, expected 0x00000803"));
        Path text = write(dir.resolve("text.gz"), gzip("hello, world".getBytes()));
        assertTrue(error(() -> IdxFile.read(text, 1)).startsWith(text + ": bad magic number 0x68656C6C"));
    }

    @Test
    void aTruncatedFileIsReportedWithWhatWasDeclaredAndWhatIsThere() throws IOException {
        byte[] whole = idx(new int[] {3, 2, 2}, new byte[12]);
        Path data = write(dir.resolve("short-data"), Arrays.copyOf(whole, whole.length - 5));
        assertEquals(data + ": truncated: the header declares 3 x 2 x 2 = 12 data bytes but only 7 follow",
                error(() -> IdxFile.read(data, 3)));
        Path header = write(dir.resolve("short-header"), Arrays.copyOf(whole, 9));
        assertEquals(header + ": truncated: 9 bytes, shorter than the 16-byte header of a 3-dimensional IDX file",
                error(() -> IdxFile.read(header, 3)));
        Path tiny = write(dir.resolve("tiny"), new byte[] {0, 0});
        assertTrue(error(() -> IdxFile.read(tiny, 1)).startsWith(tiny + ": truncated: 2 bytes"));
    }

    @Test
    void aTruncatedGzipStreamIsReported() throws IOException {
        byte[] gz = gzip(idx(new int[] {50, 4, 4}, new byte[800]));
        Path f = write(dir.resolve("cut.gz"), Arrays.copyOf(gz, gz.length / 2));
        assertTrue(error(() -> IdxFile.read(f, 3)).startsWith(f + ": truncated gzip data"));
    }

    @Test
    void extraBytesAfterTheDeclaredDataAreAnError() throws IOException {
        byte[] whole = idx(new int[] {2}, new byte[] {1, 2});
        Path f = write(dir.resolve("long"), Arrays.copyOf(whole, whole.length + 3));
        assertTrue(error(() -> IdxFile.read(f, 1)).startsWith(f + ": 3 bytes follow the 2 data bytes the header declares"));
    }

    @Test
    void imagesAndLabelsMustHaveTheSameCount() throws IOException {
        Path images = write(dir.resolve("i.gz"), gzip(idx(new int[] {3, 2, 2}, new byte[12])));
        Path labels = write(dir.resolve("l.gz"), gzip(idx(new int[] {4}, new byte[4])));
        assertEquals("fashion-mnist train: " + images + " holds 3 images but " + labels + " holds 4 labels",
                error(() -> FashionMnist.read(images, labels, "fashion-mnist train", 0)));
    }

    @Test
    void aLabelOutsideTheTenClassesIsNamed() throws IOException {
        Path images = write(dir.resolve("i"), idx(new int[] {2, 1, 1}, new byte[2]));
        Path labels = write(dir.resolve("l"), idx(new int[] {2}, new byte[] {1, 10}));
        assertEquals(labels + ": label 10 of example 1 is not a class in 0..9",
                error(() -> FashionMnist.read(images, labels, "t", 0)));
    }
}
