package lockstep.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import lockstep.LockstepException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The .npy codec: the byte layout of NumPy's format 1.0, round trips, refusals, and np.load / np.save interop. */
class NpyTest {

    @TempDir
    Path tmp;

    @Test
    void writesTheByteLayoutOfNpyFormatVersion1() {
        byte[] file = Npy.encode(NpyArray.ofDoubles(new int[] {2, 3}, new double[] {1, 2, 3, 4, 5, 6.5}));
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }";
        // magic, version 1.0, header length (little-endian uint16), dict padded with spaces, '\n', data at 64
        assertArrayEquals(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, 118, 0}, Arrays.copyOf(file, 10));
        String header = new String(file, 10, 118, StandardCharsets.US_ASCII);
        assertEquals(dict + " ".repeat(118 - dict.length() - 1) + "\n", header);
        assertEquals(128 + 6 * 8, file.length);
        ByteBuffer data = ByteBuffer.wrap(file, 128, 48).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(1.0, data.getDouble());
        assertEquals(Double.doubleToRawLongBits(6.5), ByteBuffer.wrap(file, 168, 8).order(ByteOrder.LITTLE_ENDIAN).getLong());
    }

    @Test
    void dataStartsAtAMultipleOf64ForEveryShapeAndType() {
        for (int[] shape : List.of(new int[] {}, new int[] {7}, new int[] {3, 4}, new int[] {30, 16, 3},
                new int[] {123456, 1, 1, 1})) {
            for (NpyType t : NpyType.values()) {
                int n = (int) NpyArray.elementCount(shape);
                byte[] file = Npy.encode(array(t, shape, n));
                int headerLength = (file[8] & 0xff) | (file[9] & 0xff) << 8;
                assertEquals(0, (10 + headerLength) % 64, t + Arrays.toString(shape));
                assertEquals('\n', file[10 + headerLength - 1]);
                assertEquals(10 + headerLength + (long) n * t.size(), file.length);
            }
        }
    }

    @Test
    void roundTripsEveryTypeAndShape() {
        for (int[] shape : List.of(new int[] {}, new int[] {5}, new int[] {2, 3}, new int[] {2, 0, 4}, new int[] {2, 2, 3})) {
            for (NpyType t : NpyType.values()) {
                NpyArray a = array(t, shape, (int) NpyArray.elementCount(shape));
                NpyArray back = Npy.decode(Npy.encode(a), "x.npy");
                assertEquals(a, back, t + Arrays.toString(shape));
                assertArrayEquals(a.toDoubles(), back.toDoubles());
            }
        }
    }

    @Test
    void keepsSpecialValuesAndRoundsFloatsOnce() {
        double[] v = {Double.NaN, Double.POSITIVE_INFINITY, -0.0, Double.MIN_VALUE, 0.1};
        assertArrayEquals(v, Npy.decode(Npy.encode(NpyArray.ofDoubles(new int[] {5}, v)), "x").toDoubles());
        double[] f = Npy.decode(Npy.encode(NpyArray.ofFloats(new int[] {5}, v)), "x").toDoubles();
        assertTrue(Double.isNaN(f[0]));
        assertEquals((double) 0.1f, f[4]);
        assertEquals(0.0, f[3]);   // below float's range
        long[] big = {Long.MAX_VALUE, -1, 0};
        assertArrayEquals(big, Npy.decode(Npy.encode(NpyArray.ofLongs(new int[] {3}, big)), "x").toLongs());
    }

    @Test
    void writesAtomicallyAndReadsBack() {
        Path file = tmp.resolve("sub/a.npy");
        NpyArray a = NpyArray.ofInts(new int[] {2, 2}, new int[] {1, -2, 3, -4});
        Npy.write(file, a);
        assertEquals(a, Npy.read(file));
        try (var files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList(), "no temporary file is left behind");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void refusesWhatItCannotReadWithOneLineNamingTheFile() {
        byte[] good = Npy.encode(NpyArray.ofDoubles(new int[] {2}, new double[] {1, 2}));
        assertRefused("x.npy: not a .npy file (no \\x93NUMPY magic)", "PK\003\004 this is a zip".getBytes(StandardCharsets.US_ASCII));
        assertRefused("x.npy: too short", new byte[] {(byte) 0x93, 'N'});
        assertRefused("x.npy: dtype '>f8' is not supported (lockstep reads <f8, <f4, <i4, <i8)", replace(good, "<f8", ">f8"));
        assertRefused("x.npy: dtype '<c8' is not supported", replace(good, "<f8", "<c8"));
        assertRefused("x.npy: Fortran-order arrays are not supported", replace(good, "False", "True "));
        assertRefused("x.npy: shape (3,) of <f8 needs 24 data bytes, the file has 16", replace(good, "(2,)", "(3,)"));
        assertRefused("x.npy: shape (2,) of <f8 needs 16 data bytes, the file has 8", Arrays.copyOf(good, good.length - 8));
        assertRefused("x.npy: malformed .npy header", replace(good, "'shape'", "'shape''"));
        byte[] v4 = good.clone();
        v4[6] = 4;
        assertRefused("x.npy: .npy format version 4.0 is not supported", v4);
    }

    @Test
    void readsWhatNumpySavesAndNumpyLoadsWhatItWrites() throws Exception {
        assumeTrue(numpyAvailable(), "python3 with numpy is not installed: the byte-layout tests above stand in");
        Npy.write(tmp.resolve("f8.npy"), NpyArray.ofDoubles(new int[] {2, 3}, new double[] {1, -2.5, Math.PI, 1e-300, -0.0, 7}));
        Npy.write(tmp.resolve("f4.npy"), NpyArray.ofFloats(new int[] {3}, new double[] {0.1, -3, 1e30}));
        Npy.write(tmp.resolve("i4.npy"), NpyArray.ofInts(new int[] {2, 1, 2}, new int[] {5, -1, 0, Integer.MAX_VALUE}));
        Npy.write(tmp.resolve("i8.npy"), NpyArray.ofLongs(new int[] {}, new long[] {Long.MIN_VALUE}));
        String script = String.join("\n",
                "import numpy as np, sys, os",
                "d = sys.argv[1]",
                "a = np.load(os.path.join(d, 'f8.npy')); assert a.dtype == np.dtype('<f8') and a.shape == (2, 3), a",
                "assert a.tolist() == [[1, -2.5, np.pi], [1e-300, 0, 7]] and np.signbit(a[1, 1]), a",
                "a = np.load(os.path.join(d, 'f4.npy')); assert a.dtype == np.dtype('<f4') and a.shape == (3,)",
                "assert (a == np.array([0.1, -3, 1e30], dtype=np.float32)).all(), a",
                "a = np.load(os.path.join(d, 'i4.npy')); assert a.dtype == np.dtype('<i4') and a.shape == (2, 1, 2)",
                "assert a.ravel().tolist() == [5, -1, 0, 2**31 - 1], a",
                "a = np.load(os.path.join(d, 'i8.npy')); assert a.dtype == np.dtype('<i8') and a.shape == () and a == -2**63",
                "np.save(os.path.join(d, 'py_f8.npy'), np.arange(24, dtype='<f8').reshape(2, 3, 4) / 7)",
                "np.save(os.path.join(d, 'py_f4.npy'), np.array([[1.5, -2]], dtype='<f4'))",
                "np.save(os.path.join(d, 'py_i4.npy'), np.array([3, -4], dtype='<i4'))",
                "np.save(os.path.join(d, 'py_i8.npy'), np.array([[2**40]], dtype='<i8'))",
                "np.save(os.path.join(d, 'py_fortran.npy'), np.asfortranarray(np.ones((2, 2))))",
                "print('ok')");
        Process p = new ProcessBuilder("python3", "-c", script, tmp.toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), output);
        NpyArray f8 = Npy.read(tmp.resolve("py_f8.npy"));
        assertArrayEquals(new int[] {2, 3, 4}, f8.shape());
        for (int i = 0; i < 24; i++) {
            assertEquals(i / 7.0, f8.toDoubles()[i]);
        }
        assertArrayEquals(new double[] {1.5, -2}, Npy.read(tmp.resolve("py_f4.npy")).toDoubles());
        assertEquals(NpyType.F4, Npy.read(tmp.resolve("py_f4.npy")).type());
        assertArrayEquals(new long[] {3, -4}, Npy.read(tmp.resolve("py_i4.npy")).toLongs());
        assertArrayEquals(new long[] {1L << 40}, Npy.read(tmp.resolve("py_i8.npy")).toLongs());
        LockstepException e = assertThrows(LockstepException.class, () -> Npy.read(tmp.resolve("py_fortran.npy")));
        assertTrue(e.getMessage().endsWith("py_fortran.npy: Fortran-order arrays are not supported (lockstep reads C order)"),
                e.getMessage());
    }

    static boolean numpyAvailable() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import numpy").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static NpyArray array(NpyType t, int[] shape, int n) {
        double[] d = new double[n];
        int[] ints = new int[n];
        long[] longs = new long[n];
        for (int i = 0; i < n; i++) {
            d[i] = (i - 3) * 0.37;
            ints[i] = i * 1_000_003 - 7;
            longs[i] = i * 10_000_000_019L;
        }
        return switch (t) {
            case F8 -> NpyArray.ofDoubles(shape, d);
            case F4 -> NpyArray.ofFloats(shape, d);
            case I4 -> NpyArray.ofInts(shape, ints);
            case I8 -> NpyArray.ofLongs(shape, longs);
        };
    }

    private static byte[] replace(byte[] file, String from, String to) {
        String s = new String(file, StandardCharsets.ISO_8859_1);
        assertTrue(s.contains(from));
        return s.replace(from, to).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static void assertRefused(String expectedStart, byte[] bytes) {
        LockstepException e = assertThrows(LockstepException.class, () -> Npy.decode(bytes, "x.npy"));
        assertTrue(e.getMessage().startsWith(expectedStart), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }
}
