package lockstep.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Writes a directory as a whole: the content is built in a temporary sibling and moved into place,
 * so a crash never leaves a half-written report where the old one (or nothing) was.
 */
final class AtomicDirectory {
    private AtomicDirectory() {
    }

    /** A fresh temporary directory next to {@code target}. */
    static Path staging(Path target) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        return Files.createTempDirectory(parent, "." + target.getFileName() + ".tmp-");
    }

    /** Replaces {@code target} with {@code staged}. */
    static void commit(Path staged, Path target) throws IOException {
        Path old = null;
        if (Files.exists(target)) {
            old = staged.resolveSibling("." + target.getFileName() + ".old-" + System.nanoTime());
            Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
        if (old != null) {
            delete(old);
        }
    }

    static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
