package lockstep;

/**
 * The engine under check does not do something the spec asks for (an external engine answered {@code hello} with an
 * {@code error}). {@code compare} stops on it (exit code 4); {@code verify} reports that scenario as not supported and
 * goes on with the next.
 */
public final class UnsupportedSpec extends LockstepException {
    public UnsupportedSpec(String message) {
        super(message);
    }
}
