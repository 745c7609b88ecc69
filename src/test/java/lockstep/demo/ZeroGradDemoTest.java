package lockstep.demo;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import lockstep.data.Datasets;
import lockstep.engine.autograd.Backprop;
import lockstep.engine.autograd.Tensor;
import lockstep.linalg.Matrix;
import lockstep.report.ZeroGradDemoText;
import lockstep.spec.RunSpec;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Without zeroGrad() the gradient at step k is exactly g_1 + ... + g_k (each g_j from the matrix
 * engine); with it, exactly g_k. A backprop that overwrites instead of adding makes the demo FAIL at step 2.
 */
class ZeroGradDemoTest {

    @Test
    void withoutZeroGradTheGradientIsTheSumOfTheBatchGradientsSoFar() {
        ZeroGradDemo.Result r = ZeroGradDemo.run(RunSpec.irisDefault(), Datasets.iris(), 15);
        assertEquals(15, r.steps().size());
        for (ZeroGradDemo.Step s : r.steps()) {
            assertEquals(0.0, s.errorA(), "step " + s.step() + ": A's .grad - g_k");
            assertEquals(0.0, s.errorB(), "step " + s.step() + ": B's .grad - (g_1 + ... + g_k)");
        }
        assertTrue(r.passed());
        ZeroGradDemo.Step first = r.steps().get(0);
        assertEquals(first.lossA(), first.lossB(), "both runs start from the same weights and batch");
        assertEquals(first.gradNormA(), first.gradNormB());
        assertNotEquals(r.steps().get(14).lossA(), r.steps().get(14).lossB(), "then the curves part");
        assertTrue(r.steps().get(1).gradNormB() > r.steps().get(1).gradNormA(), "two gradients added point more or less the same way");
    }

    @Test
    void anOverwritingBackpropMakesTheDemoFail() {
        Backprop overwriting = new Backprop() {
            @Override
            protected void accumulate(Tensor target, Matrix contribution) {
                if (target.isLeaf()) {
                    target.grad().copyFrom(contribution);
                } else {
                    super.accumulate(target, contribution);
                }
            }
        };
        ZeroGradDemo.Result r = ZeroGradDemo.run(RunSpec.irisDefault(), Datasets.iris(), 3, overwriting::run);
        assertFalse(r.passed());
        assertEquals(0.0, r.steps().get(0).errorB(), "one batch: nothing to add to yet");
        assertTrue(r.steps().get(1).errorB() > 0.0);
        assertEquals(0.0, r.steps().get(1).errorA(), "with zeroGrad() overwriting is harmless");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ZeroGradDemoText.print(r, new PrintStream(out, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("FAIL  step 2: B's .grad is not the sum of its batch gradients so far"), text);
    }
}
