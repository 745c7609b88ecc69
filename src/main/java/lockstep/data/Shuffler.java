package lockstep.data;

/** Decides the order in which an epoch visits the examples. */
public interface Shuffler {

    /** A permutation of 0..n-1 for the given epoch (1-based). */
    int[] order(int n, int epoch);
}
