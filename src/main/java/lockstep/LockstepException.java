package lockstep;

/**
 * A problem with the user's input (spec, data, flags, files) that the CLI reports as one line and a
 * non-zero exit code, never as a stack trace. The message names what is wrong and where.
 */
public class LockstepException extends RuntimeException {
    public LockstepException(String message) {
        super(message);
    }

    public LockstepException(String message, Throwable cause) {
        super(message, cause);
    }
}
