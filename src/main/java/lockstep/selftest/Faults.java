package lockstep.selftest;

import java.util.ArrayList;
import java.util.List;
import lockstep.data.SeededShuffler;
import lockstep.data.Shuffler;
import lockstep.engine.Parameter;
import lockstep.engine.activations.Activation;
import lockstep.engine.activations.Relu;
import lockstep.engine.init.InitialDraw;
import lockstep.engine.layers.BatchNormLayer;
import lockstep.engine.layers.ConvolutionLayer;
import lockstep.engine.layers.DenseLayer;
import lockstep.engine.losses.Loss;
import lockstep.engine.optim.Rules;
import lockstep.engine.optim.UpdateRule;
import lockstep.linalg.ConvShape;
import lockstep.linalg.DType;
import lockstep.linalg.MatMul;
import lockstep.linalg.Matrix;
import lockstep.rand.Dl4jInit;
import lockstep.rand.MaskSource;
import lockstep.spec.LossType;
import lockstep.spec.NetworkSpec;
import lockstep.spec.UpdaterSpec;
import lockstep.spec.WeightInit;

/**
 * Faulty engine components, each one classic training bug, substituted for the real component by
 * {@link PlantedBugs}. Nothing here is reachable from the engine's own code path.
 */
public final class Faults {
    private Faults() {
    }

    /** Multiplies every element of {@code m} by {@code factor} when {@code m} is of a data type the fault applies to. */
    private static void scale(Matrix m, double factor, DType only) {
        if (only != null && m.dtype() != only) {
            return;
        }
        for (int i = 0; i < m.size(); i++) {
            m.set(i, m.get(i) * factor);
        }
    }

    /**
     * An activation whose derivative is off by a relative {@code factor - 1} (in {@code only} data type, null: both):
     * dL/dz comes out scaled. The forward pass is the real one.
     */
    public static Activation scaledDerivative(Activation real, double factor, DType only) {
        return new Activation() {
            @Override
            public lockstep.spec.ActivationType type() {
                return real.type();
            }

            @Override
            public void forward(Matrix z, Matrix a) {
                real.forward(z, a);
            }

            @Override
            public void backward(Matrix z, Matrix a, Matrix dLda, Matrix dLdz) {
                real.backward(z, a, dLda, dLdz);
                scale(dLdz, factor, only);
            }
        };
    }

    /** A loss that scores as {@code real} does and hands on its gradient dL/dz after {@link #alter} has changed it. */
    private abstract static class AlteredGradient implements Loss {
        final Loss real;

        AlteredGradient(Loss real) {
            this.real = real;
        }

        @Override
        public LossType type() {
            return real.type();
        }

        @Override
        public double score(Matrix output, Matrix labels, Activation activation) {
            return real.score(output, labels, activation);
        }

        @Override
        public void gradient(Matrix z, Matrix output, Matrix labels, Activation activation, Matrix dLdz) {
            real.gradient(z, output, labels, activation, dLdz);
            alter(output, dLdz);
        }

        /** Changes the real gradient dLdz [B,nOut] of {@code output} [B,nOut]. Modifies dLdz. */
        abstract void alter(Matrix output, Matrix dLdz);
    }

    /** A loss whose gradient dL/dz is off by a relative {@code factor - 1} (in {@code only} data type, null: both). */
    public static Loss scaledGradient(Loss real, double factor, DType only) {
        return new AlteredGradient(real) {
            @Override
            void alter(Matrix output, Matrix dLdz) {
                scale(dLdz, factor, only);
            }
        };
    }

    /** An update rule that does what {@code real} does, except where a fault overrides one method. */
    private static class ForwardingRule implements UpdateRule {
        final UpdateRule real;

        ForwardingRule(UpdateRule real) {
            this.real = real;
        }

        @Override
        public java.util.List<String> stateNames() {
            return real.stateNames();
        }

        @Override
        public double initialState() {
            return real.initialState();
        }

        @Override
        public double learningRate() {
            return real.learningRate();
        }

        @Override
        public void apply(Matrix g, Matrix u, Matrix[] state, int iteration) {
            real.apply(g, u, state, iteration);
        }
    }

    /** An update rule whose update is off by a relative {@code factor - 1} (in {@code only} data type, null: both). */
    public static UpdateRule scaledUpdate(UpdateRule real, double factor, DType only) {
        return new ForwardingRule(real) {
            @Override
            public void apply(Matrix g, Matrix u, Matrix[] state, int iteration) {
                real.apply(g, u, state, iteration);
                scale(u, factor, only);
            }
        };
    }

    /** The loss gradient of the batch SUM instead of the batch mean: the 1/B is missing. */
    static final class MissingBatchMean extends AlteredGradient {
        MissingBatchMean(Loss real) {
            super(real);
        }

        @Override
        void alter(Matrix output, Matrix dLdz) {
            for (int i = 0; i < dLdz.size(); i++) {
                dLdz.set(i, dLdz.get(i) * output.rows());
            }
        }
    }

    /** db taken from the first example only instead of summed over the batch. */
    static final class FirstRowBiasGradient extends DenseLayer {
        FirstRowBiasGradient(Parameter weights, Parameter bias, Activation activation, MatMul matMul) {
            super(weights, bias, activation, matMul);
        }

        @Override
        protected void biasGradient(Matrix delta, Matrix db) {
            for (int c = 0; c < db.cols(); c++) {
                db.set(c, delta.get(0, c));
            }
        }
    }

    /** dL/dx = δ·W with W's [nIn,nOut] buffer read as [nOut,nIn]: the transpose is forgotten. */
    static final class UntransposedBackward extends DenseLayer {
        UntransposedBackward(Parameter weights, Parameter bias, Activation activation, MatMul matMul) {
            super(weights, bias, activation, matMul);
        }

        @Override
        protected Matrix inputGradient(Matrix delta, Matrix w) {
            Matrix misread = Matrix.of(w.dtype(), w.cols(), w.rows(), w.toDoubleArray()); // same buffer, wrong shape
            Matrix dx = delta.like(delta.rows(), w.rows());
            matMul().multiply(delta, false, misread, false, dx, false);
            return dx;
        }
    }

    /** One element of dW scaled by (1 + 1e-6): an error far below anything a loss curve would show. */
    static final class PerturbedWeightGradient extends DenseLayer {
        static final double RELATIVE_ERROR = 1e-6;
        private final int element;

        PerturbedWeightGradient(Parameter weights, Parameter bias, Activation activation, MatMul matMul,
                                int element) {
            super(weights, bias, activation, matMul);
            this.element = element;
        }

        @Override
        protected void weightGradient(Matrix x, Matrix delta, Matrix dW) {
            super.weightGradient(x, delta, dW);
            dW.set(element, dW.get(element) * (1.0 + RELATIVE_ERROR));
        }
    }

    /** relu'(0) = 1 instead of DL4J's 0. */
    static final class ReluDerivativeOneAtZero extends Relu {
        @Override
        protected double derivative(double z, double a) {
            return z >= 0.0 ? 1.0 : 0.0;
        }
    }

    /** u = lr·(lr·g): the learning rate applied twice. */
    static UpdateRule learningRateTwice(double learningRate) {
        return new Rules.Sgd(learningRate * learningRate);
    }

    /** An update rule whose state starts at 0 where DL4J's starts at epsilon (RmsProp, AdaGrad). */
    static UpdateRule zeroInitialState(UpdateRule real) {
        return new ForwardingRule(real) {
            @Override
            public double initialState() {
                return 0.0;
            }
        };
    }

    /**
     * A matrix product that drops the partial sums beyond the first {@code depth} terms of k, but only where the
     * product would take the packed GEMM path (k deeper than one cache block and more than {@code smallProduct}
     * multiply-adds): a blocking bug that no small product can show.
     */
    static MatMul droppedPartialSums(MatMul real, int depth, long smallProduct) {
        return (a, transposeA, b, transposeB, c, accumulate) -> {
            int k = transposeA ? a.rows() : a.cols();
            if (k <= depth || (long) c.rows() * c.cols() * k <= smallProduct) {
                real.multiply(a, transposeA, b, transposeB, c, accumulate);
                return;
            }
            Matrix aCut = transposeA ? a.like(depth, a.cols()) : a.like(a.rows(), depth);
            Matrix bCut = transposeB ? b.like(b.rows(), depth) : b.like(depth, b.cols());
            for (int r = 0; r < aCut.rows(); r++) {
                for (int col = 0; col < aCut.cols(); col++) {
                    aCut.set(r, col, a.get(r, col));
                }
            }
            for (int r = 0; r < bCut.rows(); r++) {
                for (int col = 0; col < bCut.cols(); col++) {
                    bCut.set(r, col, b.get(r, col));
                }
            }
            real.multiply(aCut, transposeA, bCut, transposeB, c, accumulate);
        };
    }

    /** Softmax as the textbook first writes it, e^z / Σ e^z without subtracting the row's max: it overflows at large logits. */
    static Activation unshiftedSoftmax(Activation real) {
        return new Activation() {
            @Override
            public lockstep.spec.ActivationType type() {
                return real.type();
            }

            @Override
            public void forward(Matrix z, Matrix a) {
                boolean inFloat = z.dtype() == DType.FLOAT;
                for (int r = 0; r < z.rows(); r++) {
                    double sum = 0;
                    for (int col = 0; col < z.cols(); col++) {
                        double e = inFloat ? (float) Math.exp((float) z.get(r, col)) : Math.exp(z.get(r, col));
                        a.set(r, col, e);
                        sum = inFloat ? (float) (sum + e) : sum + e;
                    }
                    for (int col = 0; col < z.cols(); col++) {
                        a.set(r, col, a.get(r, col) / sum);
                    }
                }
            }

            @Override
            public void backward(Matrix z, Matrix a, Matrix dLda, Matrix dLdz) {
                real.backward(z, a, dLda, dLdz);
            }
        };
    }

    /**
     * An exponential learning-rate schedule applied one iteration early: the rule gets the learning rate of the next
     * iteration (lr·gamma instead of lr).
     */
    static UpdateRule scheduleOneIterationEarly(UpdaterSpec spec, java.util.function.Function<UpdaterSpec, UpdateRule> rules) {
        return rules.apply(spec.withLearningRate(spec.learningRate() * spec.schedule().gamma()));
    }

    /** The engine shuffles with another seed than the one the run was given. */
    static final class OtherSeedShuffler implements Shuffler {
        private final Shuffler other;

        OtherSeedShuffler(long seed) {
            this.other = new SeededShuffler(seed + 1);
        }

        @Override
        public int[] order(int n, int epoch) {
            return other.order(n, epoch);
        }
    }

    /**
     * The initial draw with every Xavier-uniform W drawn from a bound of sqrt(3)/sqrt(fanIn + fanOut) instead of
     * sqrt(6)/...: DL4J's uniform draw scales linearly with its bound, so each such W is the right one times 1/sqrt(2).
     */
    public static InitialDraw xavierUniformWithSqrt3(InitialDraw right, NetworkSpec spec) {
        List<Dl4jInit.Parameters> wrong = new ArrayList<>();
        for (int i = 0; i < right.parameters().size(); i++) {
            Dl4jInit.Parameters p = right.parameters().get(i);
            double[] w = p.w().clone();
            if (spec.weightInitOf(i) == WeightInit.XAVIER_UNIFORM) {
                for (int k = 0; k < w.length; k++) {
                    w[k] *= Math.sqrt(3) / Math.sqrt(6);
                }
            }
            wrong.add(new Dl4jInit.Parameters(w, p.b()));
        }
        return new InitialDraw(wrong, right.masks());
    }

    /** Dropout masks that scale a kept activation by p instead of 1/p. */
    public static MaskSource scaledByP(MaskSource right, double keepProbability) {
        return (layer, iteration, rows, cols) -> {
            double[] m = right.mask(layer, iteration, rows, cols);
            for (int i = 0; i < m.length; i++) {
                m[i] = m[i] == 0 ? 0 : keepProbability;
            }
            return m;
        };
    }

    /** The right order moved on by one position: order'[i] = order[i - 1], the last example first. */
    static Shuffler offByOne(Shuffler right) {
        return (n, epoch) -> {
            int[] order = right.order(n, epoch);
            int[] shifted = new int[n];
            for (int i = 0; i < n; i++) {
                shifted[i] = order[(i + n - 1) % n];
            }
            return shifted;
        };
    }

    /**
     * A convolution that applies its kernel flipped in both directions (the textbook's convolution; DL4J computes a
     * cross-correlation), consistently: its backward pass is the right one for its own forward pass.
     */
    static final class FlippedKernel extends ConvolutionLayer {
        FlippedKernel(Parameter weights, Parameter bias, ConvShape shape, Activation activation, MatMul matMul) {
            super(weights, bias, shape, activation, matMul);
        }

        @Override
        public Matrix forward(Matrix x) {
            flip(parameters().get(1).value());
            try {
                return super.forward(x);
            } finally {
                flip(parameters().get(1).value());
            }
        }

        @Override
        public Matrix backwardFromPreActivation(Matrix delta, boolean inputGradient) {
            Parameter w = parameters().get(1);
            flip(w.value());
            try {
                return super.backwardFromPreActivation(delta, inputGradient);
            } finally {
                flip(w.value());
                flip(w.gradient());
            }
        }

        /** W [Cout, C·kh·kw]: each kernel's kh·kw block reversed (both spatial axes flipped). Modifies w. */
        private void flip(Matrix w) {
            int k = shape().kernelH() * shape().kernelW();
            for (int start = 0; start < w.size(); start += k) {
                for (int i = 0, j = k - 1; i < j; i++, j--) {
                    double t = w.get(start + i);
                    w.set(start + i, w.get(start + j));
                    w.set(start + j, t);
                }
            }
        }
    }

    /** The geometry with Same's odd padding put before (top, left) instead of after. */
    static ConvShape paddingOnTheOtherSide(ConvShape g) {
        int padH = Math.max(0, (g.outH() - 1) * g.strideH() + g.kernelH() - g.height());
        int padW = Math.max(0, (g.outW() - 1) * g.strideW() + g.kernelW() - g.width());
        return new ConvShape(g.channels(), g.height(), g.width(), g.kernelH(), g.kernelW(), g.strideH(), g.strideW(),
                padH - padH / 2, padW - padW / 2, g.outH(), g.outW());
    }

    /** Batch normalisation with the unbiased batch variance M2 / (N − 1) (DL4J divides by N). */
    static final class UnbiasedBatchVariance extends BatchNormLayer {
        UnbiasedBatchVariance(Parameter gamma, Parameter beta, Parameter mean, Parameter log10Std, int spatial) {
            super(gamma, beta, mean, log10Std, spatial, DL4J_DECAY, DL4J_EPS);
        }

        @Override
        protected double variance(double m2, long n) {
            return m2 / (n - 1);
        }
    }

    /** One element of a convolution's dW scaled by (1 + 1e-6). */
    static final class PerturbedKernelGradient extends ConvolutionLayer {
        private final int element;

        PerturbedKernelGradient(Parameter weights, Parameter bias, ConvShape shape, Activation activation, MatMul matMul,
                                int element) {
            super(weights, bias, shape, activation, matMul);
            this.element = element;
        }

        @Override
        public Matrix backwardFromPreActivation(Matrix delta, boolean inputGradient) {
            Matrix dx = super.backwardFromPreActivation(delta, inputGradient);
            Matrix dW = parameters().get(1).gradient();
            dW.set(element, dW.get(element) * (1.0 + PerturbedWeightGradient.RELATIVE_ERROR));
            return dx;
        }
    }
}
