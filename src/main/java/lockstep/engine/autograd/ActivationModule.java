package lockstep.engine.autograd;

import lockstep.engine.activations.Activation;

/** An activation as a module (PyTorch's nn.Tanh, nn.Softmax, ...): a = f(z), [B,n] -> [B,n]. No parameters. */
public final class ActivationModule implements Module {
    private final Activation activation;

    public ActivationModule(Activation activation) {
        this.activation = activation;
    }

    public Activation activation() {
        return activation;
    }

    @Override
    public Tensor forward(Tensor z) {
        return z.apply(activation);
    }
}
