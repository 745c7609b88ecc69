package lockstep.engine.autograd;

import java.util.List;
import lockstep.engine.Parameter;
import lockstep.linalg.ConvShape;
import lockstep.linalg.MatMul;

/**
 * A 2-D convolution (PyTorch's nn.Conv2d without the activation), composed of ops, so that its backward pass is the
 * chain rule through them and nothing is derived by hand:
 * <pre>
 *   U = unfold(x)          x [B, C·H·W] -> U [B·P, K]      P = outH·outW windows, K = C·kh·kw
 *   Z = U·Wᵀ + 1·b         W [Cout, K] (DL4J's [Cout, C, kh, kw]), b [1, Cout] -> Z [B·P, Cout]
 *   y = channelsFirst(Z)   [B, Cout·P]: row b is example b's [Cout, outH, outW] in c order
 * </pre>
 * b and W are views in the network's parameter block, keyed {@code "i_b"}, {@code "i_W"} as DL4J keys them.
 */
public final class Conv2d implements Module {
    private final Parameter weight;
    private final Parameter bias;
    private final Tensor weightTensor;
    private final Tensor biasTensor;
    private final ConvShape shape;
    private final MatMul kernel;

    /** The convolution over W [Cout, K] and b [1, Cout] for windows of {@code shape}. */
    public Conv2d(Parameter weight, Parameter bias, ConvShape shape, MatMul kernel) {
        if (weight.value().cols() != shape.patchSize() || bias.value().cols() != weight.value().rows()) {
            throw new IllegalArgumentException("Conv2d: " + weight.name() + " " + weight.value().shape() + " and "
                    + bias.name() + " " + bias.value().shape() + " do not fit " + shape);
        }
        this.weight = weight;
        this.bias = bias;
        this.weightTensor = Tensor.parameter(weight.value(), weight.gradient());
        this.biasTensor = Tensor.parameter(bias.value(), bias.gradient());
        this.shape = shape;
        this.kernel = kernel;
    }

    public ConvShape shape() {
        return shape;
    }

    @Override
    public Tensor forward(Tensor x) {
        return x.unfold(shape, 0.0)                                       // U          [B·P, K]
                .matmul(weightTensor.transpose(), kernel)                 // U·Wᵀ       [B·P, Cout]
                .addRowVector(biasTensor)                                 // + 1·b      [B·P, Cout]
                .channelsFirst(shape.windows());                          // y          [B, Cout·P]
    }

    /** b then W: DL4J's order for a convolution. */
    @Override
    public List<Parameter> parameters() {
        return List.of(bias, weight);
    }
}
