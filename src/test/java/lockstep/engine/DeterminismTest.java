package lockstep.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import lockstep.data.Datasets;
import lockstep.engine.train.MiniBatchStep;
import lockstep.engine.train.TrainingLoop;
import lockstep.linalg.DType;
import lockstep.spec.RunSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The same seed gives bit-identical engine results; another seed gives other results. */
class DeterminismTest {

    private static double[] train(long seed, DType dtype) {
        RunSpec spec = RunSpec.irisDefault();
        EngineComponents c = new EngineComponents();
        Network net = NetworkBuilder.build(spec.network(), dtype, seed, c);
        new TrainingLoop(new MiniBatchStep(net, c.optimizer(spec.network())), c.shuffler(seed),
                spec.training().withDataType(dtype).withBatchSize(16))
                .run(Datasets.iris(), 3, (epoch, step, batch, loss) -> { });
        return net.parameters().stream().flatMapToDouble(p -> Arrays.stream(p.value().toDoubleArray())).toArray();
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void sameSeedGivesBitIdenticalParameters(DType dtype) {
        assertArrayEquals(train(42, dtype), train(42, dtype), 0.0);
        assertFalse(Arrays.equals(train(42, dtype), train(43, dtype)));
    }
}
