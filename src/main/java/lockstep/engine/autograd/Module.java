package lockstep.engine.autograd;

import java.util.List;
import lockstep.engine.Parameter;

/** A piece of a model, PyTorch's nn.Module: a forward pass on tensors and the parameters it owns. */
public interface Module {

    /** Runs the module on x, recording its ops on the tape. Modifies nothing. */
    Tensor forward(Tensor x);

    /** The parameters this module owns, in DL4J's order (W before b); none by default. */
    default List<Parameter> parameters() {
        return List.of();
    }
}
