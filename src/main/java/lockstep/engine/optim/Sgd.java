package lockstep.engine.optim;

import java.util.List;
import lockstep.engine.Parameter;
import lockstep.linalg.Matrix;

/** Plain stochastic gradient descent: u = lr·g. */
public class Sgd implements Optimizer {
    private final double learningRate;

    public Sgd(double learningRate) {
        this.learningRate = learningRate;
    }

    public double learningRate() {
        return learningRate;
    }

    @Override
    public void step(List<Parameter> parameters, int iteration) {
        for (Parameter p : parameters) {
            Matrix g = p.gradient();
            Matrix u = p.update();
            Matrix theta = p.value();
            for (int i = 0, n = g.size(); i < n; i++) {
                u.set(i, learningRate * g.get(i));
                theta.set(i, theta.get(i) - u.get(i));
            }
        }
    }
}
