package lockstep.linalg;

/**
 * One rectangle {@code C[i0:i1, j0:j1]} of a product {@code C (+)= op(A)·op(B)} with op(A) [m,k]
 * and op(B) [k,n]: a thread fills it in with {@link #set}, then any one thread {@link #run}s it.
 * Running modifies only that rectangle of c and the running thread's {@link Workspace}; it then
 * drops the matrix references.
 */
final class GemmTask {
    Kernels kernels;
    Matrix a;
    Matrix b;
    Matrix c;
    boolean transposeA;
    boolean transposeB;
    boolean accumulate;
    int k;
    int i0;
    int i1;
    int j0;
    int j1;
    /** Set instead of the rectangle: run this thread's share of a product split by {@link SharedGemm}. */
    SharedGemm shared;

    GemmTask set(Kernels kernels, Matrix a, boolean transposeA, Matrix b, boolean transposeB, Matrix c,
            boolean accumulate, int i0, int i1, int j0, int j1) {
        this.shared = null;
        this.kernels = kernels;
        this.a = a;
        this.b = b;
        this.c = c;
        this.transposeA = transposeA;
        this.transposeB = transposeB;
        this.accumulate = accumulate;
        this.k = transposeA ? a.rows() : a.cols();
        this.i0 = i0;
        this.i1 = i1;
        this.j0 = j0;
        this.j1 = j1;
        return this;
    }

    /**
     * Makes this task part q of {@code whole} (which may be this task itself): whole's rows (or
     * columns) cut into {@code parts} consecutive chunks of whole {@code unit}-wide tiles. Returns
     * false, changing nothing, when that part is empty.
     */
    boolean setPart(GemmTask whole, int q, int parts, boolean byRows, int unit) {
        int first = byRows ? whole.i0 : whole.j0;
        int extent = (byRows ? whole.i1 : whole.j1) - first;
        int chunk = ((extent + parts - 1) / parts + unit - 1) / unit * unit;
        int lo = first + Math.min(extent, q * chunk);
        int hi = first + Math.min(extent, (q + 1) * chunk);
        if (lo >= hi) {
            return false;
        }
        set(whole.kernels, whole.a, whole.transposeA, whole.b, whole.transposeB, whole.c, whole.accumulate,
                byRows ? lo : whole.i0, byRows ? hi : whole.i1, byRows ? whole.j0 : lo, byRows ? whole.j1 : hi);
        return true;
    }

    /** Makes this task a share of {@code product}: running it runs {@link SharedGemm#run}. */
    GemmTask setShared(SharedGemm product) {
        this.shared = product;
        return this;
    }

    void run() {
        if (shared != null) {
            SharedGemm product = shared;
            shared = null;
            product.run(Workspace.current());
            return;
        }
        try {
            Workspace ws = Workspace.current();
            if (c instanceof FMatrix) {
                FloatGemm.run(this, kernels.floats(), ws);
            } else {
                DoubleGemm.run(this, kernels.doubles(), ws);
            }
        } finally {
            a = null;
            b = null;
            c = null;
        }
    }

    // op(A)[i,p] sits at a.data[a.off + i*aRowStride() + p*aDepthStride()]
    int aRowStride() {
        return transposeA ? 1 : a.cols();
    }

    int aDepthStride() {
        return transposeA ? a.cols() : 1;
    }

    // op(B)[p,j] sits at b.data[b.off + p*bDepthStride() + j*bColStride()]
    int bDepthStride() {
        return transposeB ? 1 : b.cols();
    }

    int bColStride() {
        return transposeB ? b.cols() : 1;
    }
}
