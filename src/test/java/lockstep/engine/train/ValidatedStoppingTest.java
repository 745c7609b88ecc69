package lockstep.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lockstep.data.Datasets;
import lockstep.data.ValidationSplit;
import lockstep.engine.EngineComponents;
import lockstep.engine.Network;
import lockstep.engine.NetworkBuilder;
import lockstep.linalg.DType;
import lockstep.spec.EarlyStoppingSpec;
import lockstep.spec.RunSpec;
import lockstep.spec.TrainingSpec;
import org.junit.jupiter.api.Test;

/**
 * The textbook loop's end of epoch: the loop trains as long as its hook says and reports how many epochs it trained;
 * {@link ValidatedStopping} scores the parameters each epoch left (checked against a validator of its own run on
 * snapshots taken after each epoch's last step), stops the loop when early stopping says so, and restores the
 * parameters of the best epoch.
 */
class ValidatedStoppingTest {
    private static final RunSpec SPEC = RunSpec.irisDefault();
    private static final TrainingSpec TRAINING = SPEC.training().withBatchSize(40);

    private static MiniBatchStep step(Network net, EngineComponents c) {
        return new MiniBatchStep(net, c.optimizer(SPEC.network()));
    }

    @Test
    void theLoopTrainsUntilItsHookSaysStopAndSaysHowManyEpochs() {
        EngineComponents c = new EngineComponents();
        Network net = NetworkBuilder.build(SPEC.network(), DType.DOUBLE, TRAINING.seed(), c);
        TrainingLoop loop = new TrainingLoop(step(net, c), c.shuffler(TRAINING.seed()), TRAINING);
        List<Integer> epochsSeen = new ArrayList<>();
        int trained = loop.run(Datasets.iris(), 10, (epoch, s, batch, loss) -> epochsSeen.add(epoch), epoch -> epoch < 3);
        assertEquals(3, trained);
        assertEquals(List.of(1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3), epochsSeen, "4 steps of ceil(150/40) per epoch, 3 epochs");
        assertEquals(2, loop.run(Datasets.iris(), 2, (epoch, s, batch, loss) -> { }, TrainingLoop.ALL_EPOCHS));
    }

    @Test
    void itScoresEachEpochsParametersStopsWhenTheRuleSaysAndKeepsTheBest() {
        EngineComponents c = new EngineComponents();
        ValidationSplit split = ValidationSplit.holdOut(Datasets.iris(), 0.2, TRAINING.seed());
        Network net = NetworkBuilder.build(SPEC.network(), DType.DOUBLE, TRAINING.seed(), c);
        EarlyStoppingSpec settings = new EarlyStoppingSpec(1, 0.0);
        ValidatedStopping stopping = new ValidatedStopping(net, SPEC.network(), DType.DOUBLE, c, split.validation(), settings, 100);
        Map<Integer, Map<String, double[]>> afterEpoch = new LinkedHashMap<>();
        int steps = (int) Math.ceil(split.training().size() / 40.0);
        int trained = new TrainingLoop(step(net, c), c.shuffler(TRAINING.seed()), TRAINING).run(split.training(), 100,
                (epoch, s, batch, loss) -> {
                    if (s == steps) {
                        afterEpoch.put(epoch, net.parameterValues());
                    }
                }, stopping);

        EarlyStopping rule = stopping.rule();
        assertTrue(rule.stopped() && trained == rule.stoppedAfter() && trained < 100, "stopped after " + trained);
        Validator own = new Validator(SPEC.network(), DType.DOUBLE, c, split.validation());
        assertEquals(afterEpoch.keySet(), rule.scores().keySet(), "every epoch evaluated");
        afterEpoch.forEach((epoch, parameters) ->
                assertEquals(own.evaluate(parameters).loss(), rule.scores().get(epoch), 0.0, "epoch " + epoch));
        assertTrue(rule.bestEpoch() < trained, "the case keeps an earlier epoch: best " + rule.bestEpoch());

        stopping.restoreBest();
        Map<String, double[]> best = afterEpoch.get(rule.bestEpoch());
        net.parameterValues().forEach((name, values) -> assertArrayEquals(best.get(name), values, 0.0, name));
    }
}
