package lockstep.harness;

import java.util.ArrayList;
import java.util.List;
import lockstep.engine.Parameter;
import lockstep.engine.autograd.Linear;
import lockstep.engine.autograd.Module;
import lockstep.engine.autograd.Op;
import lockstep.engine.autograd.Sequential;
import lockstep.engine.autograd.Tensor;
import lockstep.linalg.Matrix;
import lockstep.linalg.RowOps;

/**
 * A bug planted into the autograd engine for the twins of its comparisons: a bias op whose backward
 * takes the gradient of the batch's first example instead of the sum over the batch (the classic
 * "forgot to sum db over the batch" mistake). The forward pass is right, so only gradients show it.
 */
public final class PlantedAutogradBugs {
    private PlantedAutogradBugs() {
    }

    /** {@code model} with every Linear's bias op replaced by the faulty one; shares its parameters. */
    public static Sequential biasGradientOfTheFirstExampleOnly(Sequential model) {
        List<Module> modules = new ArrayList<>();
        for (Module m : model.modules()) {
            modules.add(m instanceof Linear linear ? new FaultyLinear(linear) : m);
        }
        return new Sequential(modules);
    }

    private static final class FaultyLinear implements Module {
        private final Linear linear;

        FaultyLinear(Linear linear) {
            this.linear = linear;
        }

        @Override
        public Tensor forward(Tensor x) {
            return FirstRowBias.apply(x.matmul(linear.weight(), linear.kernel()), linear.bias());
        }

        @Override
        public List<Parameter> parameters() {
            return linear.parameters();
        }
    }

    /** Z = X + b, but db = dZ[0,:] instead of Σ_rows dZ. */
    private static final class FirstRowBias extends Op {
        private final Tensor x;
        private final Tensor bias;

        private FirstRowBias(Tensor x, Tensor bias) {
            super(x, bias);
            this.x = x;
            this.bias = bias;
        }

        static Tensor apply(Tensor x, Tensor bias) {
            Matrix z = x.data().copy();
            RowOps.addRowVector(z, bias.data());
            return new FirstRowBias(x, bias).record(z);
        }

        @Override
        public String name() {
            return "firstRowBias";
        }

        @Override
        protected Matrix[] backward(Matrix dZ) {
            Matrix db = dZ.like(1, dZ.cols());
            for (int c = 0; c < dZ.cols(); c++) {
                db.set(c, dZ.get(0, c));
            }
            return new Matrix[] {x.requiresGrad() ? dZ.copy() : null, bias.requiresGrad() ? db : null};
        }
    }
}
