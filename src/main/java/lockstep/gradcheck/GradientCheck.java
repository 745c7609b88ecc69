package lockstep.gradcheck;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import lockstep.engine.Network;
import lockstep.engine.Parameter;
import lockstep.linalg.DType;
import lockstep.linalg.Matrix;

/**
 * Checks the engine's backward pass against central finite differences of its own loss, with DL4J's
 * GradientCheckUtil criteria: ε = 1e-6, relative error |a - n| / (|a| + |n|) at most 1e-3, and
 * differences below 1e-8 absolute accepted (noise of the difference quotient). DOUBLE only.
 */
public final class GradientCheck {
    public static final double EPSILON = 1e-6;
    public static final double MAX_RELATIVE_ERROR = 1e-3;
    public static final double MIN_ABSOLUTE_ERROR = 1e-8;

    /** The worst element of one parameter. */
    public record ParameterResult(String parameter, int worstIndex, double analytic, double numeric, double relativeError,
                                  boolean passed) {
    }

    private GradientCheck() {
    }

    /**
     * Compares the analytic gradient of the batch-mean loss on (x, y) with finite differences, for every
     * element of every parameter. Leaves the parameters as they were (each is restored after probing).
     */
    public static List<ParameterResult> check(Network network, Matrix x, Matrix y) {
        if (x.dtype() != DType.DOUBLE) {
            throw new IllegalArgumentException("finite-difference checks need DOUBLE, got " + x.dtype());
        }
        network.forward(x);
        network.backward(y);
        Map<String, double[]> analytic = new LinkedHashMap<>();
        for (Parameter p : network.parameters()) {
            analytic.put(p.name(), p.gradient().toDoubleArray());
        }
        return check(network.parameters(), analytic, () -> {
            network.forward(x);
            return network.score(y);
        });
    }

    /**
     * The same check for any engine: {@code analytic} holds each parameter's gradient (keyed by name),
     * and {@code loss} recomputes the loss from the parameters' current values, which are probed in
     * place and restored. DOUBLE parameters only.
     */
    public static List<ParameterResult> check(List<Parameter> parameters, Map<String, double[]> analytic,
                                              DoubleSupplier loss) {
        List<ParameterResult> results = new ArrayList<>();
        for (Parameter p : parameters) {
            Matrix theta = p.value();
            if (theta.dtype() != DType.DOUBLE) {
                throw new IllegalArgumentException("finite-difference checks need DOUBLE, got " + theta.dtype());
            }
            double[] g = analytic.get(p.name());
            ParameterResult worst = null;
            for (int i = 0; i < theta.size(); i++) {
                double original = theta.get(i);
                theta.set(i, original + EPSILON);
                double plus = loss.getAsDouble();
                theta.set(i, original - EPSILON);
                double minus = loss.getAsDouble();
                theta.set(i, original);
                double numeric = (plus - minus) / (2 * EPSILON);
                double abs = Math.abs(g[i] - numeric);
                double rel = abs == 0.0 ? 0.0 : abs / (Math.abs(g[i]) + Math.abs(numeric));
                boolean ok = Double.isFinite(rel) && (rel <= MAX_RELATIVE_ERROR || abs < MIN_ABSOLUTE_ERROR);
                if (worst == null || (worst.passed() && !ok) || (worst.passed() == ok && rel > worst.relativeError())) {
                    worst = new ParameterResult(p.name(), i, g[i], numeric, rel, ok);
                }
            }
            results.add(worst);
        }
        return results;
    }
}
