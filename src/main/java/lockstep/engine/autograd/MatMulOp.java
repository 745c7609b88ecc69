package lockstep.engine.autograd;

import lockstep.linalg.MatMul;
import lockstep.linalg.Matrix;

/**
 * The matrix product, with the engine's kernel:
 * <pre>
 *   forward:  C = A·B            A [m,k], B [k,n], C [m,n]
 *   backward: dA = dC·Bᵀ         [m,k]   (a dense layer's dL/dx)
 *             dB = Aᵀ·dC         [k,n]   (a dense layer's dW)
 * </pre>
 */
final class MatMulOp extends Op {
    private final Tensor a;
    private final Tensor b;
    private final MatMul kernel;

    private MatMulOp(Tensor a, Tensor b, MatMul kernel) {
        super(a, b);
        this.a = a;
        this.b = b;
        this.kernel = kernel;
    }

    static Tensor apply(Tensor a, Tensor b, MatMul kernel) {
        if (a.cols() != b.rows() || a.dtype() != b.dtype()) {
            throw new IllegalArgumentException("matmul: " + a.dtype() + a.data().shape() + " · " + b.dtype()
                    + b.data().shape() + " do not fit");
        }
        Matrix c = a.data().like(a.rows(), b.cols());
        kernel.multiply(a.data(), false, b.data(), false, c, false);       // C = A·B      [m,n]
        return new MatMulOp(a, b, kernel).record(c);
    }

    @Override
    public String name() {
        return "matmul";
    }

    @Override
    protected Matrix[] backward(Matrix dC) {
        Matrix dA = null;
        Matrix dB = null;
        if (a.requiresGrad()) {
            dA = dC.like(a.rows(), a.cols());
            kernel.multiply(dC, false, b.data(), true, dA, false);         // dA = dC·Bᵀ   [m,k]
        }
        if (b.requiresGrad()) {
            dB = dC.like(b.rows(), b.cols());
            kernel.multiply(a.data(), true, dC, false, dB, false);         // dB = Aᵀ·dC   [k,n]
        }
        return new Matrix[] {dA, dB};
    }
}
