package lockstep.linalg;

/** The floating-point type a whole run computes in: both sides use the same one. */
public enum DType {
    FLOAT,
    DOUBLE
}
