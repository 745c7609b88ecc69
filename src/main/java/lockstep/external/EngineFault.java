package lockstep.external;

import lockstep.LockstepException;

/**
 * An external engine broke the protocol: it exited early, did not answer in time, answered something that is not a
 * protocol message, an array of the wrong shape or type, or an {@code error} message. The message is one line that
 * names the step and the problem; the CLI exits with code 4.
 */
public final class EngineFault extends LockstepException {
    public EngineFault(String message) {
        super(message);
    }
}
