package lockstep.engine.autograd;

import java.util.List;
import lockstep.linalg.Matrix;

/**
 * Reverse-mode differentiation of a [1,1] tensor: seeds its gradient with 1, then walks its
 * {@link Tape} backwards, and for each op result hands the result's gradient to the op's backward
 * and adds what comes out to the inputs' gradients ({@link #accumulate}). The adding is what makes
 * a tensor used twice get both contributions, and a leaf keep the sum over backward() calls.
 */
public class Backprop {
    /** The one the tensors use. */
    public static final Backprop STANDARD = new Backprop();

    /** Runs backward from {@code root}. Modifies the gradients of root's tape only. */
    public final void run(Tensor root) {
        if (root.data().size() != 1) {
            throw new IllegalArgumentException("backward() needs a [1,1] tensor (a loss), got " + root.data().shape());
        }
        if (!root.requiresGrad()) {
            throw new IllegalStateException("backward(): the tensor depends on nothing that requires a gradient");
        }
        List<Tensor> tape = Tape.of(root);
        for (Tensor t : tape) {
            t.clearGrad();                               // op results are recomputed; leaves keep their sum
        }
        Matrix seed = root.data().like(1, 1);
        seed.set(0, 1.0);                                // d root / d root = 1
        accumulate(root, seed);
        for (int i = tape.size() - 1; i >= 0; i--) {
            Tensor t = tape.get(i);
            if (t.isLeaf() || t.grad() == null) {
                continue;
            }
            Op op = t.creator();
            Matrix[] contributions = op.backward(t.grad());
            for (int k = 0; k < op.inputs().size(); k++) {
                Tensor input = op.inputs().get(k);
                if (input.requiresGrad()) {
                    Matrix c = contributions[k];
                    if (c == null) {
                        throw new IllegalStateException(op.name() + ": no gradient for input " + k);
                    }
                    input.data().requireSameShapeAndType(c, op.name() + " gradient of input " + k);
                    accumulate(input, c);
                }
            }
        }
    }

    /**
     * {@code target.grad += contribution} (the first contribution to an op result becomes its
     * gradient). Modifies target's gradient. A test overrides this to plant an overwriting bug.
     */
    protected void accumulate(Tensor target, Matrix contribution) {
        Matrix g = target.grad();
        if (g == null) {
            target.adoptGrad(contribution);
            return;
        }
        for (int i = 0, n = g.size(); i < n; i++) {
            g.set(i, g.get(i) + contribution.get(i));
        }
    }
}
