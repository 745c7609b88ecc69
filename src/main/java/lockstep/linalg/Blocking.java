package lockstep.linalg;

/**
 * Block sizes of the packed matrix product for one micro-kernel: the register tile is
 * {@code mr x nr} elements of C, {@code kc} is the depth of one pass over k, and {@code mc x kc}
 * (packed A) and {@code kc x nc} (packed B) are the cache blocks. {@code mc} is a multiple of
 * {@code mr} and {@code nc} a multiple of {@code nr}. Immutable; modifies nothing.
 */
record Blocking(int mr, int nr, int kc, int mc, int nc) {

    static final int KC = 256;
    static final int MC_TARGET = 192;
    static final int NC_TARGET = 4096;

    /** The default cache blocks for an {@code mr x nr} register tile. */
    static Blocking forTile(int mr, int nr) {
        return new Blocking(mr, nr, KC, roundUp(MC_TARGET, mr), roundUp(NC_TARGET, nr));
    }

    /** Elements of a packed A block for a problem with {@code rows} rows of C and depth {@code k}. */
    int packedASize(int rows, int k) {
        return roundUp(Math.min(rows, mc), mr) * Math.min(k, kc);
    }

    /** Elements of a packed B block for a problem with {@code cols} columns of C and depth {@code k}. */
    int packedBSize(int cols, int k) {
        return roundUp(Math.min(cols, nc), nr) * Math.min(k, kc);
    }

    static int roundUp(int value, int multiple) {
        return (value + multiple - 1) / multiple * multiple;
    }
}
