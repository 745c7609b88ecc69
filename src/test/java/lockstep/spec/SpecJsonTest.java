package lockstep.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import lockstep.linalg.DType;
import org.junit.jupiter.api.Test;

class SpecJsonTest {

    @Test
    void writtenSpecReadsBackEqual() {
        NetworkSpec net = new NetworkSpec(List.of(new LayerSpec(4, 5, ActivationType.RELU, WeightInit.RELU),
                new LayerSpec(5, 3, ActivationType.SOFTMAX)), LossType.MSE, WeightInit.ZERO, new UpdaterSpec(UpdaterType.SGD, 0.25));
        RunSpec spec = new RunSpec(DataSpec.csv("/tmp/x.csv", 0, 3), net, new TrainingSpec(7, 3, -9, DType.FLOAT));
        assertEquals(spec, SpecJson.parse(SpecJson.write(spec), "test"));
    }

    @Test
    void missingFieldsTakeTheIrisDefaults() {
        RunSpec spec = SpecJson.parse("{\"training\": {\"epochs\": 2}}", "test");
        RunSpec d = RunSpec.irisDefault();
        assertEquals(d.network(), spec.network());
        assertEquals(d.training().withEpochs(2), spec.training());
        assertEquals("iris  4-16(tanh)-3(softmax)  MCXENT  SGD lr=0.1  batch 16  DOUBLE  seed 42", d.describe());
    }
}
