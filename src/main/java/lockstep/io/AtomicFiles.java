package lockstep.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.UUID;
import java.util.function.Consumer;
import lockstep.LockstepException;

/**
 * Writes files and whole directories so that a reader (or a crash) never sees them half-written:
 * everything goes to a temporary name next to the target first and is renamed into place.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Writes {@code bytes} to {@code file} through a temporary file in the same directory and a rename. */
    public static void write(Path file, byte[] bytes) {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = dir.resolve("." + file.getFileName() + ".tmp-" + UUID.randomUUID());
        try {
            Files.createDirectories(dir);
            Files.write(tmp, bytes);
            move(tmp, file, true);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new LockstepException(file + ": cannot write: " + IoErrors.describe(e));
        }
    }

    /**
     * Checks, before any long work, that the directory {@code target} can be published later: creates
     * its parent directories and a temporary directory next to it, then deletes that again; an existing
     * {@code target} must be a directory.
     *
     * @param what what is written, for the message ("the report", "the scenario")
     * @throws LockstepException naming {@code target} and the reason when it cannot
     */
    public static void checkDirectoryWritable(Path target, String what) {
        Path abs = target.toAbsolutePath().normalize();
        if (Files.exists(abs) && !Files.isDirectory(abs)) {
            throw new LockstepException(target + ": cannot write " + what + ": exists and is not a directory");
        }
        try {
            Files.createDirectories(abs.getParent());
            Files.delete(Files.createTempDirectory(abs.getParent(), "." + abs.getFileName() + ".probe-"));
        } catch (IOException e) {
            throw new LockstepException(target + ": cannot write " + what + ": " + IoErrors.describe(e));
        }
    }

    /**
     * Creates the directory {@code target} with the contents {@code fill} writes into a fresh empty
     * directory: a hidden temporary directory next to the target, renamed to it when {@code fill}
     * returns. If {@code fill} throws, the temporary directory is deleted and the target is untouched.
     * An existing target is an error unless {@code replace}; then it is moved aside, the new directory
     * renamed into place and the old one deleted.
     */
    public static void publishDirectory(Path target, boolean replace, Consumer<Path> fill) {
        Path abs = target.toAbsolutePath().normalize();
        Path parent = abs.getParent();
        String name = abs.getFileName().toString();
        if (Files.exists(abs) && !replace) {
            throw new LockstepException(target + ": already exists; use --force to replace it");
        }
        Path tmp;
        try {
            Files.createDirectories(parent);
            tmp = Files.createTempDirectory(parent, "." + name + ".tmp-");
            readableByAll(tmp);
        } catch (IOException e) {
            throw new LockstepException(target + ": cannot create a temporary directory next to it: " + IoErrors.describe(e));
        }
        try {
            fill.accept(tmp);
        } catch (RuntimeException | Error e) {
            deleteQuietly(tmp);
            throw e;
        }
        Path old = parent.resolve("." + name + ".old-" + UUID.randomUUID());
        try {
            if (Files.exists(abs)) {
                if (!replace) {
                    throw new LockstepException(target + ": already exists; use --force to replace it");
                }
                move(abs, old, false);
            }
            move(tmp, abs, false);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new LockstepException(target + ": cannot rename the new directory into place: " + IoErrors.describe(e));
        } catch (RuntimeException e) {
            deleteQuietly(tmp);
            throw e;
        }
        deleteQuietly(old);
    }

    /** rwxr-xr-x where the file system has POSIX permissions (a temporary directory starts as rwx------). */
    private static void readableByAll(Path dir) throws IOException {
        if (Files.getFileStore(dir).supportsFileAttributeView(java.nio.file.attribute.PosixFileAttributeView.class)) {
            Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    private static void move(Path from, Path to, boolean replaceExisting) throws IOException {
        try {
            if (replaceExisting) {
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system cannot rename " + from + " atomically", e);
        }
    }

    /** Deletes a file or a directory tree; ignores what does not exist. */
    public static void deleteQuietly(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try {
            Files.walkFileTree(path, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // best effort: a leftover hidden temporary is ignored by readers
        }
    }
}
