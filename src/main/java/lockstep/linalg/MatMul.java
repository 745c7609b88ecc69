package lockstep.linalg;

/**
 * General matrix product {@code C = op(A)·op(B)} (or {@code C += op(A)·op(B)}), where op is the
 * identity or the transpose. Training needs three of the four forms: A·B (forward), A·Bᵀ (the
 * gradient flowing back to the input) and Aᵀ·B (the weight gradient).
 * All three matrices must share one {@link DType}; only {@code c} is modified.
 */
public interface MatMul {

    /**
     * @param a          [m,k], or [k,m] when {@code transposeA}
     * @param b          [k,n], or [n,k] when {@code transposeB}
     * @param c          [m,n]; overwritten, or added to when {@code accumulate}
     */
    void multiply(Matrix a, boolean transposeA, Matrix b, boolean transposeB, Matrix c, boolean accumulate);

    /** Throws a message naming the shapes when they do not fit {@code C = op(A)·op(B)}. */
    static void checkShapes(Matrix a, boolean transposeA, Matrix b, boolean transposeB, Matrix c) {
        int m = transposeA ? a.cols() : a.rows();
        int k = transposeA ? a.rows() : a.cols();
        int kb = transposeB ? b.cols() : b.rows();
        int n = transposeB ? b.rows() : b.cols();
        if (k != kb || c.rows() != m || c.cols() != n || a.dtype() != b.dtype() || a.dtype() != c.dtype()) {
            throw new IllegalArgumentException("matrix product shapes do not fit: " + a.dtype() + a.shape()
                    + (transposeA ? "ᵀ" : "") + " · " + b.dtype() + b.shape() + (transposeB ? "ᵀ" : "")
                    + " -> " + c.dtype() + c.shape());
        }
    }
}
