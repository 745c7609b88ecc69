package lockstep.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;
import lockstep.LockstepException;
import lockstep.spec.RunSpec;
import org.junit.jupiter.api.Test;

/** compare takes the parameter shapes from the spec and refuses a side whose shapes differ, naming the parameter. */
class ShapeCheckTest {
    private static final Map<String, int[]> SPEC = RunSpec.irisDefault().network().parameterLayout().shapes();

    @Test
    void theMatrixEngineAndDl4jHaveTheSpecsShapes() {
        LockstepRun.checkShapes("the engine", EngineFactory.MATRIX.create(RunSpec.irisDefault().network(),
                lockstep.linalg.DType.DOUBLE, 1, new lockstep.engine.EngineComponents()).parameterShapes(), SPEC);
        LockstepRun.checkShapes("DL4J", new Dl4jSideTrainer(new lockstep.dl4j.Dl4jTrainer(RunSpec.irisDefault().network(),
                lockstep.linalg.DType.DOUBLE, 1)).parameterShapes(), SPEC);
    }

    @Test
    void aTransposedWeightMatrixIsRefusedByName() {
        Map<String, int[]> transposed = new LinkedHashMap<>(SPEC);
        transposed.put("1_W", new int[] {3, 16});
        LockstepException e = assertThrows(LockstepException.class, () -> LockstepRun.checkShapes("the engine", transposed, SPEC));
        assertEquals("the engine: parameter 1_W has shape [3, 16] but the network spec gives [16, 3]", e.getMessage());
    }
}
