package lockstep.data;

/** Decides the order in which an epoch visits the examples. */
public interface Shuffler {

    /** Dataset order every epoch: 0, 1, ..., n-1 (what {@code --no-shuffle} gives both sides). */
    Shuffler IDENTITY = (n, epoch) -> {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    };

    /** A permutation of 0..n-1 for the given epoch (1-based). */
    int[] order(int n, int epoch);
}
