package lockstep.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * What went wrong in a file operation, for a one-line error: the file the JDK names and the reason in
 * words ({@code /etc/passwd: not a directory}), where {@link IOException#getMessage()} often gives only
 * the path.
 */
public final class IoErrors {
    private IoErrors() {
    }

    public static String describe(IOException e) {
        if (e instanceof FileSystemException f) {
            String reason = f.getReason() != null ? f.getReason()
                    : e instanceof AccessDeniedException ? "permission denied"
                    : e instanceof NoSuchFileException ? "no such file or directory"
                    : e instanceof NotDirectoryException ? "not a directory"
                    : e instanceof FileAlreadyExistsException ? "exists (and is not a directory)"
                    : e instanceof DirectoryNotEmptyException ? "directory not empty"
                    : e.getClass().getSimpleName();
            String file = f.getFile();
            return (file == null ? "" : file + ": ") + reason.substring(0, 1).toLowerCase() + reason.substring(1);
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
