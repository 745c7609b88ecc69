package lockstep.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import lockstep.data.Batch;
import lockstep.data.Dataset;
import lockstep.data.EpochLoop;
import lockstep.data.SeededShuffler;
import lockstep.engine.EngineComponents;
import lockstep.engine.Network;
import lockstep.engine.NetworkBuilder;
import lockstep.engine.Parameter;
import lockstep.engine.autograd.AutogradOptimizer;
import lockstep.engine.autograd.Criterion;
import lockstep.engine.autograd.Sequential;
import lockstep.engine.autograd.Tensor;
import lockstep.linalg.DType;
import lockstep.linalg.Matrix;
import lockstep.spec.RunSpec;

/**
 * What {@code optimizer.zeroGrad()} is for: the five-line step run twice from the same weights on the
 * same batches, A with zeroGrad() and B without. In B each loss.backward() adds its batch's gradient
 * to .grad, so step k applies g_1 + ... + g_k (each g_j taken at B's parameters of step j). Every
 * batch gradient g_k is computed independently by the matrix engine at the run's current parameters,
 * and the demo checks that A's .grad is exactly g_k and B's exactly the running sum. DOUBLE.
 */
public final class ZeroGradDemo {

    /**
     * One step of both runs: losses before the update, gradient norms (over all parameters), and the
     * largest |.grad - expected| (A: its batch gradient; B: the sum of its batch gradients so far).
     */
    public record Step(int step, double lossA, double lossB, double gradNormA, double gradNormB, double errorA, double errorB) {
        public boolean exact() {
            return errorA == 0.0 && errorB == 0.0;
        }
    }

    public record Result(RunSpec spec, List<Step> steps) {
        public boolean passed() {
            return steps.stream().allMatch(Step::exact);
        }
    }

    /** One run of the five-line step, with or without zeroGrad(), with its independent expectation. */
    private static final class Run {
        final Sequential model;
        final Criterion criterion;
        final AutogradOptimizer optimizer;
        final boolean zeroGrad;
        final Network reference;
        final Map<String, Matrix> expected = new LinkedHashMap<>();

        Run(RunSpec spec, boolean zeroGrad) {
            EngineComponents c = new EngineComponents();
            long seed = spec.training().seed();
            this.model = Sequential.from(spec.network(), DType.DOUBLE, seed, c);
            this.criterion = new Criterion(c.loss(spec.network().loss()));
            this.optimizer = new AutogradOptimizer(model.parameters(), c.optimizer(spec.network()));
            this.zeroGrad = zeroGrad;
            this.reference = NetworkBuilder.build(spec.network(), DType.DOUBLE, seed, c);
            for (Parameter p : model.parameters()) {
                expected.put(p.name(), p.value().like(p.value().rows(), p.value().cols()));
            }
        }

        /** The step; returns {loss, |grad|, max |grad - expected|}. */
        double[] step(Batch batch, Consumer<Tensor> backward) {
            Map<String, Matrix> batchGradient = batchGradient(batch);
            if (zeroGrad) {
                optimizer.zeroGrad();                                    // 1
                expected.values().forEach(m -> m.fill(0.0));
            }
            Tensor out = model.forward(Tensor.constant(batch.features()));   // 2
            Tensor loss = criterion.apply(out, batch.labels());              // 3
            backward.accept(loss);                                           // 4
            double norm = 0.0;
            double error = 0.0;
            for (Parameter p : model.parameters()) {
                Matrix e = expected.get(p.name());
                Matrix g = batchGradient.get(p.name());
                for (int i = 0; i < e.size(); i++) {
                    e.set(i, e.get(i) + g.get(i));                           // expected .grad += g_k
                    double v = p.gradient().get(i);
                    norm += v * v;
                    error = Math.max(error, Math.abs(v - e.get(i)));           // NaN stays NaN: not exact
                }
            }
            optimizer.step();                                                // 5
            return new double[] {loss.item(), Math.sqrt(norm), error};
        }

        /** g_k: the matrix engine's gradient of this batch at the model's current parameters. */
        private Map<String, Matrix> batchGradient(Batch batch) {
            for (Parameter p : reference.parameters()) {
                p.value().copyFrom(model.parameter(p.name()).value());
            }
            reference.forward(batch.features());
            reference.backward(batch.labels());
            Map<String, Matrix> out = new LinkedHashMap<>();
            for (Parameter p : reference.parameters()) {
                out.put(p.name(), p.gradient().copy());
            }
            return out;
        }
    }

    private ZeroGradDemo() {
    }

    /** Both runs for {@code steps} steps on the spec's batches (epochs as needed), in DOUBLE. */
    public static Result run(RunSpec spec, Dataset data, int steps) {
        return run(spec, data, steps, Tensor::backward);
    }

    /** As {@link #run(RunSpec, Dataset, int)} with a given backward (a test plants a faulty one). */
    public static Result run(RunSpec spec, Dataset data, int steps, Consumer<Tensor> backward) {
        RunSpec run = spec.withTraining(spec.training().withDataType(DType.DOUBLE));
        Run a = new Run(run, true);
        Run b = new Run(run, false);
        List<Step> out = new ArrayList<>();
        if (steps > 0) {
            EpochLoop.run(EpochLoop.plan(run.training(), new SeededShuffler(run.training().seed()), data.size()),
                    Integer.MAX_VALUE, new EpochLoop.Body() {
                        @Override
                        public boolean startEpoch(int epoch, List<int[]> batches) {
                            a.optimizer.setEpoch(epoch - 1);
                            b.optimizer.setEpoch(epoch - 1);
                            return true;
                        }

                        @Override
                        public boolean step(int epoch, int s, int globalStep, int[] examples) {
                            Batch batch = data.batch(examples, DType.DOUBLE);
                            double[] sa = a.step(batch, backward);
                            double[] sb = b.step(batch, backward);
                            out.add(new Step(globalStep, sa[0], sb[0], sa[1], sb[1], sa[2], sb[2]));
                            return globalStep < steps;
                        }
                    });
        }
        return new Result(run, out);
    }
}
