package lockstep.gradcheck;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lockstep.comparison.TensorDiff;
import lockstep.comparison.Tolerance;
import lockstep.comparison.TolerancePolicy;
import lockstep.data.Batch;
import lockstep.data.Dataset;
import lockstep.data.EpochPlan;
import lockstep.data.SeededShuffler;
import lockstep.dl4j.Dl4jStep;
import lockstep.dl4j.Dl4jTrainer;
import lockstep.engine.EngineComponents;
import lockstep.engine.Network;
import lockstep.engine.NetworkBuilder;
import lockstep.engine.Parameter;
import lockstep.engine.autograd.Criterion;
import lockstep.engine.autograd.Sequential;
import lockstep.engine.autograd.Tensor;
import lockstep.harness.EngineFactory;
import lockstep.harness.LockstepRun;
import lockstep.harness.Trainer;
import lockstep.linalg.DType;
import lockstep.spec.NetworkSpec;
import lockstep.spec.RunSpec;

/**
 * The gradient of the batch-mean loss on one batch, four ways, in DOUBLE, from the same parameters:
 * the autograd engine, the matrix engine, DL4J (its raw gradient, the batch sum, divided by B) and
 * central finite differences of the autograd's loss. Per parameter it gives the largest relative
 * difference of autograd vs matrix engine (plain |a-b|/max(|a|,|b|), limit 1e-12), of autograd and of
 * the matrix engine vs DL4J (the step check's 1e-10 with floor 1e-3), and of autograd vs finite
 * differences ({@link GradientCheck}'s criteria). An engine under check (another language's through the engine
 * protocol, a JVM class) adds a fifth: its first step's gradient against DL4J's. Regularisation is not part of any of
 * them.
 * <p>
 * With convolution, pooling or batch normalisation the autograd composes those layers of smaller ops (unfold, matmul,
 * row reductions), so it sums in other orders than the matrix engine's hand-derived layers: autograd vs matrix engine
 * is then judged by the DOUBLE step check as well. Batch normalisation's running mean and log10 σ are left out: they
 * are not gradients (DL4J's own gradient checks exclude them too); compare's step check holds their updates.
 */
public final class FourWayGradientCheck {
    /** Autograd vs matrix engine: the limit on the plain relative difference |a-b|/max(|a|,|b|) (no floor). */
    public static final double MATRIX_ENGINE = 1e-12;
    /** |a_i - b_i| / max(|a_i|, |b_i|) per element (0 when equal, +inf when not finite) against {@link #MATRIX_ENGINE}. */
    private static final Tolerance PLAIN = new Tolerance(MATRIX_ENGINE, 0.0, 0.0);   // floor 0, atol 0
    /** Either engine vs DL4J: the DOUBLE step check. */
    public static final Tolerance DL4J = TolerancePolicy.DOUBLE.step();

    /**
     * One parameter's four-way comparison, and a fifth when an engine under check was given ({@code checked} its
     * gradient, {@code checkedVsDl4j} against DL4J's; both null otherwise).
     */
    public record Row(String parameter, int[] shape, double largest, TensorDiff autogradVsMatrix,
                      TensorDiff autogradVsDl4j, TensorDiff matrixVsDl4j, GradientCheck.ParameterResult finiteDifferences,
                      double[] autograd, double[] matrix, double[] dl4j, double[] checked, TensorDiff checkedVsDl4j) {
        public boolean passed() {
            return autogradVsMatrix.passed() && autogradVsDl4j.passed() && matrixVsDl4j.passed() && finiteDifferences.passed()
                    && (checkedVsDl4j == null || checkedVsDl4j.passed());
        }
    }

    /** The rows in DL4J's parameter order, for the first batch of epoch 1 (its example indices in {@code batch}). */
    public record Result(RunSpec spec, int[] batch, List<Row> rows) {
        public boolean passed() {
            return rows.stream().allMatch(Row::passed);
        }
    }

    private FourWayGradientCheck() {
    }

    /** The check for a spec (run in DOUBLE whatever it says) on its first batch, with the standard autograd model. */
    public static Result run(RunSpec spec, Dataset data) {
        return run(spec, data, null);
    }

    /**
     * {@link #run(RunSpec, Dataset)} with a fifth gradient: the first step's of the engine {@code checked} builds (null:
     * none), from the same parameters, against DL4J's.
     */
    public static Result run(RunSpec spec, Dataset data, EngineFactory checked) {
        RunSpec run = inDouble(spec);
        return run(run, data, Sequential.from(run.network(), DType.DOUBLE, run.training().seed()), checked);
    }

    /**
     * The check with a given autograd model of the spec's network (e.g. one with a planted bug); its parameters are the
     * ones used; {@code checked} as {@link #run(RunSpec, Dataset, EngineFactory)}.
     */
    public static Result run(RunSpec spec, Dataset data, Sequential model, EngineFactory checked) {
        RunSpec run = inDouble(spec);
        NetworkSpec net = run.network();
        LockstepRun.checkDataFits(net, data);
        long seed = run.training().seed();
        int[] examples = EpochPlan.batches(run.training(), new SeededShuffler(seed), data.size(), 1).get(0);   // the run's first batch
        Batch batch = data.batch(examples, DType.DOUBLE);

        // autograd: the five-line step without the update
        Criterion criterion = Criterion.of(net.loss());
        Tensor x = Tensor.constant(batch.features());
        model.parameters().forEach(p -> p.gradient().fill(0.0));
        model.setIteration(0);      // with dropout: the first step's masks, on every side and every probe below
        criterion.apply(model.forward(x), batch.labels()).backward();
        Map<String, double[]> parameters = values(model.parameters(), false);
        Map<String, double[]> autograd = values(model.parameters(), true);

        // the matrix engine, from the same parameters
        Network network = NetworkBuilder.build(net, DType.DOUBLE, seed, new EngineComponents());
        for (Parameter p : network.parameters()) {
            double[] v = parameters.get(p.name());
            for (int i = 0; i < v.length; i++) {
                p.value().set(i, v[i]);
            }
        }
        network.forward(batch.features());
        network.backward(batch.labels());
        Map<String, double[]> matrix = values(network.parameters(), true);

        // DL4J, from the same parameters: its raw gradient is the batch sum
        Dl4jTrainer dl4j = new Dl4jTrainer(net, DType.DOUBLE, seed);   // its first step's masks: iteration 0's
        dl4j.setParameters(parameters);
        Dl4jStep step = dl4j.step(batch.features().toDoubleArray(), batch.labels().toDoubleArray(), batch.size());

        // the engine under check, from the same parameters: its first step's gradient (dropout: iteration 0's masks)
        Map<String, double[]> other = null;
        if (checked != null) {
            Trainer engine = checked.create(net, DType.DOUBLE, seed, new EngineComponents());
            engine.setParameters(parameters);
            other = engine.step(batch).gradients();
        }

        // finite differences of the autograd's loss
        List<GradientCheck.ParameterResult> fd = GradientCheck.check(gradients(model), autograd, () -> {
            model.setIteration(0);
            return criterion.apply(model.forward(x), batch.labels()).item();
        });

        List<Row> rows = new ArrayList<>();
        List<Parameter> params = gradients(model);
        Tolerance autogradVsMatrix = net.isDenseOnly() ? PLAIN : DL4J;
        for (int k = 0; k < params.size(); k++) {
            Parameter p = params.get(k);
            String name = p.name();
            double[] a = autograd.get(name);
            double[] m = matrix.get(name);
            double[] d = step.rawGradients().get(name).clone();
            for (int i = 0; i < d.length; i++) {
                d[i] /= batch.size();
            }
            double largest = 0.0;
            for (double v : a) {
                largest = Math.max(largest, Math.abs(v));
            }
            int[] shape = p.shape();
            double[] c = other == null ? null : other.get(name);
            rows.add(new Row(name, shape, largest, TensorDiff.of(a, m, autogradVsMatrix), TensorDiff.of(a, d, DL4J),
                    TensorDiff.of(m, d, DL4J), fd.get(k), a, m, d, c, c == null ? null : TensorDiff.of(c, d, DL4J)));
        }
        return new Result(run, examples, rows);
    }

    /** The model's parameters that have a gradient: all but batch normalisation's running statistics. */
    private static List<Parameter> gradients(Sequential model) {
        return model.parameters().stream().filter(p -> !p.key().isRunningStatistic()).toList();
    }

    private static RunSpec inDouble(RunSpec spec) {
        return spec.withTraining(spec.training().withDataType(DType.DOUBLE));
    }

    private static Map<String, double[]> values(List<Parameter> parameters, boolean gradients) {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (Parameter p : parameters) {
            out.put(p.name(), (gradients ? p.gradient() : p.value()).toDoubleArray());
        }
        return out;
    }
}
