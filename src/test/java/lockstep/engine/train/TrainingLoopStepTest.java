package lockstep.engine.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lockstep.data.Datasets;
import lockstep.engine.EngineComponents;
import lockstep.engine.Network;
import lockstep.engine.Parameter;
import lockstep.engine.ParameterBlock;
import lockstep.engine.activations.Softmax;
import lockstep.engine.dropout.MultiplicativeNoise;
import lockstep.engine.layers.DenseLayer;
import lockstep.engine.losses.McXent;
import lockstep.engine.optim.Optimizer;
import lockstep.linalg.DType;
import lockstep.linalg.NaiveMatMul;
import lockstep.spec.ParameterKey;
import lockstep.spec.ParameterLayout;
import lockstep.spec.RunSpec;
import lockstep.spec.TrainingSpec;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * What one step and the epoch loop hand on, seen by an optimizer that records its calls and changes nothing (so the
 * network stays as it was and every number can be recomputed): 2 epochs of Iris in batches of 16 are 10 steps each;
 * step t (0-based over the run) gets iteration t and the 0-based epoch, its forward pass uses the dropout array of
 * iteration t, the optimizer sees the gradient of that batch, and the loss returned is the batch's score plus the
 * penalty. The listener counts epochs and steps from 1.
 */
class TrainingLoopStepTest {
    private static final double PENALTY = 0.25;

    /** Records each step: the iteration, the epoch and a copy of the output bias gradient it was given. */
    private static final class RecordingOptimizer implements Optimizer {
        final List<int[]> calls = new ArrayList<>();
        final List<double[]> gradients = new ArrayList<>();
        final List<double[]> masks = new ArrayList<>();
        DenseLayer layer;

        @Override
        public void step(List<Parameter> parameters, int iteration, int epoch) {
            calls.add(new int[] {iteration, epoch});
            gradients.add(parameters.get(1).gradient().toDoubleArray());
            masks.add(layer.dropoutMask().toDoubleArray());
        }

        @Override
        public void initialiseState(List<Parameter> parameters) {
        }

        @Override
        public double penalty(List<Parameter> parameters) {
            return PENALTY;
        }

        @Override
        public Map<String, double[]> state() {
            return Map.of();
        }

        @Override
        public void setState(Map<String, double[]> state) {
        }
    }

    @Test
    void eachStepGetsItsIterationEpochMaskGradientAndScore() {
        ParameterBlock block = new ParameterBlock(ParameterLayout.dense(new int[] {4, 3}), DType.DOUBLE);
        DenseLayer layer = new DenseLayer(block.parameter(ParameterKey.weights(0)), block.parameter(ParameterKey.bias(0)),
                new Softmax(), new NaiveMatMul());
        for (int i = 0; i < 12; i++) {
            layer.weights().value().set(i, (i % 5 - 2) * 0.1);
        }
        // the dropout array of iteration t is all t + 1: which iteration a forward pass used shows in the mask
        layer.setDropout(new MultiplicativeNoise(), (l, it, rows, cols) -> {
            double[] r = new double[rows * cols];
            java.util.Arrays.fill(r, it + 1);
            return r;
        });
        Network net = new Network(List.of(layer), new McXent(), block);
        RecordingOptimizer opt = new RecordingOptimizer();
        opt.layer = layer;
        MiniBatchStep step = new MiniBatchStep(net, opt);
        assertSame(net, step.network());
        assertSame(opt, step.optimizer());
        ParameterBlock three = new ParameterBlock(ParameterLayout.dense(new int[] {4, 3}, new int[] {3, 3}, new int[] {3, 3}),
                DType.DOUBLE);
        DenseLayer third = new DenseLayer(three.parameter(ParameterKey.weights(2)), three.parameter(ParameterKey.bias(2)),
                new Softmax(), new NaiveMatMul());
        assertEquals(2, third.index());
        assertEquals(List.of("2_W", "2_b"), third.parameters().stream().map(Parameter::name).toList());
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> net.parameter("2_W"));
        assertEquals("no parameter 2_W", e.getMessage());
        TrainingSpec t = RunSpec.irisDefault().training().withBatchSize(16);
        List<int[]> seen = new ArrayList<>();
        List<double[]> recomputed = new ArrayList<>();
        new TrainingLoop(step, new EngineComponents().shuffler(t.seed()), t).run(Datasets.iris(), 2, (epoch, s, batch, loss) -> {
            seen.add(new int[] {epoch, s});
            int iteration = seen.size() - 1;
            // the parameters never change: the same forward pass again gives the loss the step returned
            net.setIteration(iteration);
            net.forward(batch.features());
            assertEquals(net.score(batch.labels()) + PENALTY, loss, 0.0, "loss of step " + seen.size());
            net.backward(batch.labels());
            recomputed.add(net.parameter("0_b").gradient().toDoubleArray());
        });
        assertEquals(20, seen.size());
        assertEquals(20, step.iteration());
        for (int i = 0; i < 20; i++) {
            assertArrayEquals(new int[] {i / 10 + 1, i % 10 + 1}, seen.get(i), "listener, step " + (i + 1));
            assertArrayEquals(new int[] {i, i / 10}, opt.calls.get(i), "optimizer, step " + (i + 1));
            assertArrayEquals(recomputed.get(i), opt.gradients.get(i), 0.0, "gradient given at step " + (i + 1));
            for (double m : opt.masks.get(i)) {
                assertEquals(i + 1, m, "dropout array of step " + (i + 1));
            }
        }
    }
}
