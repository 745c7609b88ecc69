package lockstep.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import lockstep.LockstepException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A scenario folder appears complete or not at all, and an existing one is replaced only when asked. */
class AtomicFilesTest {

    @TempDir
    Path tmp;

    @Test
    void aDirectoryAppearsOnlyWhenCompletelyWritten() {
        Path target = tmp.resolve("scenario");
        AtomicFiles.publishDirectory(target, false, dir -> {
            assertFalse(Files.exists(target), "the target must not exist while it is being written");
            assertTrue(dir.getFileName().toString().startsWith(".scenario.tmp-"), dir.toString());
            assertEquals(tmp, dir.getParent());
            AtomicFiles.write(dir.resolve("a/b.txt"), new byte[] {1, 2});
        });
        assertTrue(Files.isRegularFile(target.resolve("a/b.txt")));
        assertEquals(List.of(target), entries(tmp));
    }

    @Test
    void aFailureWhileWritingLeavesNothingBehind() {
        Path target = tmp.resolve("scenario");
        RuntimeException crash = new IllegalStateException("disk full");
        RuntimeException thrown = assertThrows(IllegalStateException.class, () -> AtomicFiles.publishDirectory(target, false,
                dir -> {
                    AtomicFiles.write(dir.resolve("half.npy"), new byte[10]);
                    throw crash;
                }));
        assertEquals(crash, thrown);
        assertEquals(List.of(), entries(tmp), "neither the target nor the temporary folder survives");
    }

    @Test
    void anExistingDirectoryIsReplacedOnlyWhenAsked() {
        Path target = tmp.resolve("scenario");
        AtomicFiles.publishDirectory(target, false, dir -> AtomicFiles.write(dir.resolve("old.txt"), new byte[] {1}));
        LockstepException e = assertThrows(LockstepException.class,
                () -> AtomicFiles.publishDirectory(target, false, dir -> AtomicFiles.write(dir.resolve("new.txt"), new byte[] {2})));
        assertEquals(target + ": already exists; use --force to replace it", e.getMessage());
        assertTrue(Files.exists(target.resolve("old.txt")));
        assertEquals(List.of(target), entries(tmp));

        assertThrows(IllegalStateException.class, () -> AtomicFiles.publishDirectory(target, true, dir -> {
            throw new IllegalStateException("crash");
        }));
        assertTrue(Files.exists(target.resolve("old.txt")), "a failed replacement keeps the old scenario");

        AtomicFiles.publishDirectory(target, true, dir -> AtomicFiles.write(dir.resolve("new.txt"), new byte[] {2}));
        assertTrue(Files.exists(target.resolve("new.txt")));
        assertFalse(Files.exists(target.resolve("old.txt")));
        assertEquals(List.of(target), entries(tmp), "the old folder is deleted, no temporary is left");
    }

    @Test
    void aFileIsReplacedAtomically() throws IOException {
        Path file = tmp.resolve("f.json");
        AtomicFiles.write(file, "one".getBytes());
        AtomicFiles.write(file, "two".getBytes());
        assertEquals("two", Files.readString(file));
        assertEquals(List.of(file), entries(tmp));
    }

    private static List<Path> entries(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
