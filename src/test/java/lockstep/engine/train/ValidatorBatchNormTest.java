package lockstep.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import lockstep.data.Batch;
import lockstep.data.Dataset;
import lockstep.data.Datasets;
import lockstep.dl4j.Dl4jTrainer;
import lockstep.dl4j.Dl4jValidation;
import lockstep.engine.EngineComponents;
import lockstep.engine.Network;
import lockstep.engine.NetworkBuilder;
import lockstep.linalg.DType;
import lockstep.spec.ActivationType;
import lockstep.spec.LayerSpec;
import lockstep.spec.LossType;
import lockstep.spec.NetworkSpec;
import lockstep.spec.UpdaterSpec;
import lockstep.spec.UpdaterType;
import lockstep.spec.WeightInit;
import org.junit.jupiter.api.Test;

/**
 * The validator scores a network with batch normalisation in inference mode, on the running mean and log10 σ, as
 * DL4J's {@code score(DataSet, false)} does: after a few training steps (running statistics away from their start), its
 * loss is DL4J's on the same parameters; the batch's own statistics would give another.
 */
class ValidatorBatchNormTest {

    @Test
    void batchNormalisationIsScoredOnItsRunningStatisticsAsDl4jDoes() {
        NetworkSpec spec = new NetworkSpec(List.of(new LayerSpec(4, 6, ActivationType.TANH), LayerSpec.batchNormalization(6),
                new LayerSpec(6, 3, ActivationType.SOFTMAX)), LossType.MCXENT, WeightInit.XAVIER,
                new UpdaterSpec(UpdaterType.SGD, 0.1));
        EngineComponents c = new EngineComponents();
        Network net = NetworkBuilder.build(spec, DType.DOUBLE, 9, c);
        MiniBatchStep step = new MiniBatchStep(net, c.optimizer(spec));
        Dataset iris = Datasets.iris();
        for (int s = 0; s < 5; s++) {
            step.step(iris.batch(new int[] {s, 50 + s, 100 + s, 10 + s, 60 + s, 110 + s}, DType.DOUBLE));
        }
        Map<String, double[]> trained = net.parameterValues();
        assertTrue(trained.get("1_mean")[0] != 0.0, "the running mean has moved");

        int[] all = new int[iris.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        Batch b = iris.batch(all, DType.DOUBLE);
        Dl4jTrainer dl4j = new Dl4jTrainer(spec, DType.DOUBLE, 9);
        dl4j.setParameters(trained);
        double dl4jLoss = Dl4jValidation.evaluate(dl4j, b.features().toDoubleArray(), b.labels().toDoubleArray(), b.size()).loss();
        double engineLoss = new Validator(spec, DType.DOUBLE, c, iris).evaluate(trained).loss();
        assertEquals(dl4jLoss, engineLoss, 1e-12 * dl4jLoss, "inference on the running statistics, as DL4J scores it");

        net.setTraining(true);                   // the batch's own statistics: another loss
        net.forward(b.features());
        assertTrue(Math.abs(net.score(b.labels()) - dl4jLoss) > 1e-6, "training mode would score differently");
    }
}
