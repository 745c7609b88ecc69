package lockstep.bench;

import lockstep.comparison.Tolerance;
import lockstep.comparison.TolerancePolicy;
import lockstep.dl4j.Nd4jRuntime;
import lockstep.linalg.DType;
import lockstep.linalg.FastMatMul;
import lockstep.linalg.MatMul;
import lockstep.linalg.Matrix;
import lockstep.rand.SplitMix64;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One product C = op(A)·op(B) ready on both sides: the same random A and B in U[-1,1) as the engine's matrices and as
 * ND4J arrays, in FLOAT or DOUBLE, and a C on each side to overwrite (beta 0). Both sides run on
 * {@link Nd4jRuntime#threadCount()} threads (OMP_NUM_THREADS): FastMatMul on the calling thread plus helpers for large
 * products, OpenBLAS on its own. Checked once, when made, that both sides give the same C. Not thread-safe.
 */
final class ProductOperands {
    private final Product product;
    private final DType type;
    private final MatMul fast;
    private final Matrix a;
    private final Matrix b;
    private final Matrix c;
    private final INDArray na;
    private final INDArray nb;
    private final INDArray nc;

    ProductOperands(Product product, DType type) {
        Nd4jRuntime.init();   // pins ND4J's (and OpenBLAS's) threads to OMP_NUM_THREADS
        this.product = product;
        this.type = type;
        this.fast = new FastMatMul(Nd4jRuntime.threadCount());
        SplitMix64 random = SplitMix64.stream(42, 0x3A7L);
        this.a = random(product.aRows(), product.aCols(), random);
        this.b = random(product.bRows(), product.bCols(), random);
        this.c = Matrix.zeros(type, product.m(), product.n());
        this.na = nd4j(a);
        this.nb = nd4j(b);
        this.nc = Nd4j.create(type == DType.FLOAT ? DataType.FLOAT : DataType.DOUBLE, product.m(), product.n());
        checkSameProduct();
    }

    /** The engine's product into its C; returns C. */
    Matrix engine() {
        fast.multiply(a, product.transposeA(), b, product.transposeB(), c, false);
        return c;
    }

    /** ND4J's product ({@code Nd4j.gemm}) into its C; returns C. */
    INDArray nd4j() {
        return Nd4j.gemm(na, nb, nc, product.transposeA(), product.transposeB(), 1.0, 0.0);
    }

    /** Both sides' C agree elementwise within the step tolerance of the type, at C's scale; throws otherwise. */
    private void checkSameProduct() {
        engine();
        double[] expected = nd4j().dup('c').data().asDouble();
        Tolerance tolerance = (type == DType.FLOAT ? TolerancePolicy.FLOAT : TolerancePolicy.DOUBLE).step();
        double scale = 0;
        for (double v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < expected.length; i++) {
            double error = tolerance.error(c.get(i), expected[i], scale);
            if (!tolerance.passes(error)) {
                throw new IllegalStateException(product.name() + " " + type + ": FastMatMul and Nd4j.gemm disagree at C["
                        + i / product.n() + "," + i % product.n() + "]: " + c.get(i) + " vs " + expected[i] + " (error "
                        + error + " > tolerance " + tolerance.relative() + "); nothing is timed");
            }
        }
    }

    private Matrix random(int rows, int cols, SplitMix64 random) {
        Matrix m = Matrix.zeros(type, rows, cols);
        for (int i = 0; i < m.size(); i++) {
            m.set(i, (float) (2 * random.nextDouble() - 1));   // float values on both types: the same operands
        }
        return m;
    }

    private static INDArray nd4j(Matrix m) {
        long[] shape = {m.rows(), m.cols()};
        return m.dtype() == DType.FLOAT ? Nd4j.create(m.toFloatArray(), shape, 'c') : Nd4j.create(m.toDoubleArray(), shape, 'c');
    }
}
