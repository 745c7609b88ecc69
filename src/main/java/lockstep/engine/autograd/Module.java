package lockstep.engine.autograd;

import java.util.List;
import lockstep.engine.Parameter;

/** A piece of a model, PyTorch's nn.Module: a forward pass on tensors and the parameters it owns. */
public interface Module {

    /** Runs the module on x, recording its ops on the tape. Modifies nothing. */
    Tensor forward(Tensor x);

    /**
     * Training mode (the default) or evaluation mode, PyTorch's module.train(b): dropout off and batch normalisation
     * on its running statistics in evaluation. Modifies the mode only; nothing to do by default.
     */
    default void train(boolean training) {
    }

    /** The parameters this module owns, in DL4J's order (W before b for a dense layer); none by default. */
    default List<Parameter> parameters() {
        return List.of();
    }
}
