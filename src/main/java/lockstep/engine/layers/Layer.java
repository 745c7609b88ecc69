package lockstep.engine.layers;

import java.util.List;
import lockstep.engine.Parameter;
import lockstep.linalg.Matrix;

/**
 * One layer of a network, examples as rows: the forward pass caches what its backward pass needs, and the backward
 * pass fills its parameters' gradients and hands back the gradient of its input. Dense, convolution, pooling and
 * batch normalisation layers implement it; the network's last layer is dense (the output layer).
 */
public interface Layer {

    /** Its place in the network (0-based), as its parameters' keys give it. */
    int index();

    /** Its parameters in DL4J's order (none for pooling). */
    List<Parameter> parameters();

    /** From x [B, in] to the output [B, out]; caches what the backward pass needs. Modifies only its caches. */
    Matrix forward(Matrix x);

    /** The output of the latest {@link #forward}. */
    Matrix output();

    /**
     * From dL/d(output) [B, out]: fills the parameters' gradients; with {@code inputGradient} returns dL/dx [B, in],
     * else null (the first layer: no one needs the gradient of the data).
     */
    Matrix backward(Matrix dLda, boolean inputGradient);

    /** Training (the default) or inference: dropout off, batch normalisation on its running statistics. */
    default void setTraining(boolean training) {
    }

    /** The training iteration the next forward pass belongs to (it selects dropout masks). */
    default void setIteration(int iteration) {
    }
}
