package lockstep.linalg;

/**
 * One thread's reusable scratch for {@link FastMatMul}: the packed A and B blocks, the edge tile
 * and the task slot for the thread's own share of a product. Buffers grow on demand and are then
 * kept, so steady-state products allocate nothing. Only the owning thread reads or modifies them.
 */
final class Workspace {
    private static final ThreadLocal<Workspace> CURRENT = ThreadLocal.withInitial(Workspace::new);

    /** The slot for the share of a product that this thread computes itself. */
    final GemmTask ownTask = new GemmTask();

    private float[] floatA = new float[0];
    private float[] floatB = new float[0];
    private float[] floatTile = new float[0];
    private double[] doubleA = new double[0];
    private double[] doubleB = new double[0];
    private double[] doubleTile = new double[0];

    private Workspace() {
    }

    /** The calling thread's workspace. */
    static Workspace current() {
        return CURRENT.get();
    }

    float[] floatA(int size) {
        return floatA.length >= size ? floatA : (floatA = new float[size]);
    }

    float[] floatB(int size) {
        return floatB.length >= size ? floatB : (floatB = new float[size]);
    }

    float[] floatTile(int size) {
        return floatTile.length >= size ? floatTile : (floatTile = new float[size]);
    }

    double[] doubleA(int size) {
        return doubleA.length >= size ? doubleA : (doubleA = new double[size]);
    }

    double[] doubleB(int size) {
        return doubleB.length >= size ? doubleB : (doubleB = new double[size]);
    }

    double[] doubleTile(int size) {
        return doubleTile.length >= size ? doubleTile : (doubleTile = new double[size]);
    }
}
